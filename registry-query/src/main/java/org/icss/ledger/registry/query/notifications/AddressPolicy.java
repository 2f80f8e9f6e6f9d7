package org.icss.ledger.registry.query.notifications;

/**
 * Which IP addresses a webhook may be sent to (SSRF): a pure function of the address's bytes (4 for IPv4, 16 for
 * IPv6), so that it is tested with a table ({@code AddressPolicyTest}). Only public unicast addresses are allowed;
 * loopback, link-local (cloud metadata services live at 169.254.169.254), private, shared (carrier-grade NAT),
 * multicast, unspecified and reserved ranges are refused, also when written as IPv4-mapped or IPv4-compatible IPv6.
 * {@code TargetGuard} resolves a host and asks this for every address it resolves to.
 */
public final class AddressPolicy {

    /** What kind of address it is; only {@link #PUBLIC} is a delivery target outside the local profile. */
    public enum Kind { PUBLIC, LOOPBACK, LINK_LOCAL, PRIVATE, MULTICAST, UNSPECIFIED, RESERVED }

    private AddressPolicy() {
    }

    /** The kind of an IPv4 (4 bytes) or IPv6 (16 bytes) address. */
    public static Kind classify(byte[] address) {
        if (address.length == 4) {
            return ipv4(address[0] & 0xff, address[1] & 0xff, address[2] & 0xff, address[3] & 0xff);
        }
        if (address.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length);
        }
        return ipv6(address);
    }

    /**
     * Whether a webhook may go to an address of this kind: a public one always; a loopback one only when
     * {@code allowLoopback} (tests); any kind when {@code allowAny} (the local profile).
     */
    public static boolean allowed(Kind kind, boolean allowLoopback, boolean allowAny) {
        return allowAny || kind == Kind.PUBLIC || allowLoopback && kind == Kind.LOOPBACK;
    }

    private static Kind ipv4(int a, int b, int c, int d) {
        if (a == 0) {
            return (b | c | d) == 0 ? Kind.UNSPECIFIED : Kind.RESERVED;
        }
        if (a == 127) {
            return Kind.LOOPBACK;
        }
        if (a == 169 && b == 254) {
            return Kind.LINK_LOCAL;
        }
        if (a == 10 || a == 172 && b >= 16 && b <= 31 || a == 192 && b == 168) {
            return Kind.PRIVATE;
        }
        if (a == 100 && b >= 64 && b <= 127) {
            // shared address space of carrier-grade NAT (RFC 6598): not reachable from the internet either
            return Kind.PRIVATE;
        }
        if (a >= 224 && a <= 239) {
            return Kind.MULTICAST;
        }
        if (a >= 240 || a == 192 && b == 0 && c == 0 || a == 198 && (b == 18 || b == 19)
                || a == 192 && b == 0 && c == 2 || a == 198 && b == 51 && c == 100 || a == 203 && b == 0 && c == 113) {
            // future use and broadcast, IETF protocol assignments, benchmarking, documentation
            return Kind.RESERVED;
        }
        return Kind.PUBLIC;
    }

    private static Kind ipv6(byte[] a) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= a[i] == 0;
        }
        boolean mapped = firstTenZero && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
        boolean firstTwelveZero = firstTenZero && a[10] == 0 && a[11] == 0;
        if (firstTwelveZero && a[12] == 0 && a[13] == 0 && a[14] == 0 && a[15] == 1) {
            return Kind.LOOPBACK;
        }
        if (mapped || firstTwelveZero) {
            // ::ffff:a.b.c.d and the deprecated ::a.b.c.d reach the IPv4 address (:: itself is 0.0.0.0, unspecified)
            return ipv4(a[12] & 0xff, a[13] & 0xff, a[14] & 0xff, a[15] & 0xff);
        }
        int first = a[0] & 0xff;
        int second = a[1] & 0xff;
        if (first == 0xff) {
            return Kind.MULTICAST;
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return Kind.LINK_LOCAL;
        }
        if ((first & 0xfe) == 0xfc || first == 0xfe && (second & 0xc0) == 0xc0) {
            // unique local fc00::/7 and the deprecated site-local fec0::/10
            return Kind.PRIVATE;
        }
        if (first == 0x20 && second == 0x01 && a[2] == 0x0d && (a[3] & 0xff) == 0xb8) {
            // 2001:db8::/32, documentation
            return Kind.RESERVED;
        }
        if (first == 0x00 && second == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b) {
            // 64:ff9b::/96 NAT64 reaches whatever IPv4 address it embeds
            return ipv4(a[12] & 0xff, a[13] & 0xff, a[14] & 0xff, a[15] & 0xff);
        }
        return Kind.PUBLIC;
    }
}
