package org.icss.ledger.registry.query.notifications;

import org.icss.ledger.registry.query.notifications.AddressPolicy.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressPolicyTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            // IPv4
            "0.0.0.0, UNSPECIFIED",
            "0.0.0.1, RESERVED",            // "this network"
            "0.1.0.0, RESERVED",
            "0.0.1.0, RESERVED",
            "1.1.1.1, PUBLIC",
            "8.8.8.8, PUBLIC",
            "9.255.255.255, PUBLIC",
            "10.0.0.1, PRIVATE",
            "10.255.255.255, PRIVATE",
            "11.0.0.1, PUBLIC",
            "100.63.255.255, PUBLIC",       // just below the shared (CGNAT) space
            "100.64.0.1, PRIVATE",          // shared address space, RFC 6598
            "100.127.255.255, PRIVATE",
            "100.128.0.0, PUBLIC",
            "126.255.255.255, PUBLIC",
            "127.0.0.1, LOOPBACK",
            "127.255.0.9, LOOPBACK",
            "128.0.0.1, PUBLIC",
            "169.253.255.255, PUBLIC",
            "169.254.169.254, LINK_LOCAL",  // cloud metadata services
            "169.255.0.1, PUBLIC",
            "172.15.255.255, PUBLIC",
            "172.16.0.1, PRIVATE",
            "172.31.255.255, PRIVATE",
            "172.32.0.0, PUBLIC",
            "192.0.0.8, RESERVED",          // IETF protocol assignments
            "192.0.1.1, PUBLIC",
            "192.0.2.10, RESERVED",         // documentation
            "192.167.255.255, PUBLIC",
            "192.168.1.1, PRIVATE",
            "192.169.0.0, PUBLIC",
            "198.17.255.255, PUBLIC",
            "198.18.0.1, RESERVED",         // benchmarking
            "198.19.255.255, RESERVED",
            "198.20.0.0, PUBLIC",
            "198.51.100.7, RESERVED",       // documentation
            "198.51.101.7, PUBLIC",
            "203.0.113.5, RESERVED",        // documentation
            "203.0.114.5, PUBLIC",
            "223.255.255.255, PUBLIC",
            "224.0.0.1, MULTICAST",
            "239.255.255.250, MULTICAST",
            "240.0.0.1, RESERVED",
            "255.255.255.255, RESERVED",    // broadcast
            // IPv6
            "::, UNSPECIFIED",
            "::1, LOOPBACK",
            "::2, RESERVED",                // IPv4-compatible 0.0.0.2
            "::ffff:127.0.0.1, LOOPBACK",   // IPv4-mapped
            "::ffff:10.1.2.3, PRIVATE",
            "::ffff:169.254.169.254, LINK_LOCAL",
            "::ffff:8.8.8.8, PUBLIC",
            "::ffff:192.168.1.1, PRIVATE",  // each byte of the embedded address counts
            "::ffff:192.0.2.1, RESERVED",
            "::ffff:0.0.0.0, UNSPECIFIED",
            "::1:1, RESERVED",              // not ::1 but IPv4-compatible 0.1.0.1 ("this network")
            "::100:1, PUBLIC",              // IPv4-compatible 1.0.0.1
            "::1:0:1, PUBLIC",              // neither mapped nor compatible
            "::fffe:8.8.8.8, PUBLIC",       // not mapped: an ordinary (if odd) address
            "::10.1.2.3, PRIVATE",          // IPv4-compatible (deprecated)
            "::1:0:0:1, PUBLIC",
            "1::, PUBLIC",
            "0:0:0:0:1::1, PUBLIC",
            "64:ff9b::7f00:1, LOOPBACK",    // NAT64 of 127.0.0.1
            "64:ff9b::808:808, PUBLIC",     // NAT64 of 8.8.8.8
            "64:ff9b::c0a8:101, PRIVATE",   // NAT64 of 192.168.1.1
            "64:ff9b::c000:201, RESERVED",  // NAT64 of 192.0.2.1
            "64:ff9b::, UNSPECIFIED",       // NAT64 of 0.0.0.0
            "64:ff9a::7f00:1, PUBLIC",
            "64:fe9b::7f00:1, PUBLIC",
            "65:ff9b::7f00:1, PUBLIC",
            "64:ff9b:1::7f00:1, LOOPBACK",
            "2001:db8::1, RESERVED",        // documentation
            "2001:db9::1, PUBLIC",
            "2001:cb8::1, PUBLIC",
            "2001:1db8::1, PUBLIC",
            "2002:db8::1, PUBLIC",
            "2a00:1450:4001::1, PUBLIC",
            "fbff::1, PUBLIC",
            "fc00::1, PRIVATE",             // unique local
            "fd12:3456::1, PRIVATE",
            "fe7f::1, PUBLIC",
            "fe80::1, LINK_LOCAL",
            "febf::1, LINK_LOCAL",
            "fec0::1, PRIVATE",             // site-local (deprecated)
            "feff::1, PRIVATE",
            "ff02::1, MULTICAST",
            "ff00::, MULTICAST",
    })
    void classifiesAddresses(String address, Kind kind) throws UnknownHostException {
        // literals only: InetAddress parses them without a lookup; IPv4-mapped literals come back as IPv4 objects,
        // so the 16-byte form is built by hand to reach the IPv6 branch too
        assertThat(AddressPolicy.classify(bytes(address))).isEqualTo(kind);
    }

    private static byte[] bytes(String literal) throws UnknownHostException {
        byte[] parsed = InetAddress.getByName(literal).getAddress();
        if (literal.startsWith("::ffff:") && parsed.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(parsed, 0, mapped, 12, 4);
            return mapped;
        }
        return parsed;
    }

    @ParameterizedTest(name = "{0} with loopback {1}, any {2}: {3}")
    @CsvSource({
            "PUBLIC, false, false, true",
            "LOOPBACK, false, false, false",
            "LOOPBACK, true, false, true",    // tests with a receiver on this machine
            "PRIVATE, true, false, false",    // loopback allowed is not private allowed
            "LINK_LOCAL, true, false, false",
            "MULTICAST, true, false, false",
            "UNSPECIFIED, true, false, false",
            "RESERVED, true, false, false",
            "PRIVATE, false, true, true",     // the local profile allows anything
            "LINK_LOCAL, false, true, true",
            "LOOPBACK, false, true, true",
    })
    void allowsOnlyPublicAddressesOutsideTheLocalProfile(Kind kind, boolean loopback, boolean any, boolean allowed) {
        assertThat(AddressPolicy.allowed(kind, loopback, any)).isEqualTo(allowed);
    }

    @Test
    void anAddressHasFourOrSixteenBytes() {
        assertThatThrownBy(() -> AddressPolicy.classify(new byte[5])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressPolicy.classify(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
