package org.icss.ledger.registry.query.notifications;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a webhook may go to a URL (SSRF): HTTPS only (HTTP too when {@code allowHttp}: the local profile
 * and tests), no user information, and every address the host resolves to must be allowed by {@link AddressPolicy}.
 * Asked when a subscription is created and again before every request, so a host whose DNS later points at a private
 * address is refused then too. Redirects are never followed by the sender.
 */
public class TargetGuard {

    /** Resolves a host name to all its addresses (the JDK's resolver; tests give their own). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;
    private final boolean allowHttp;
    private final boolean allowLoopback;
    private final boolean allowAny;

    /**
     * @param allowHttp     plain http targets (the local profile, tests)
     * @param allowLoopback loopback addresses (tests with a receiver on this machine)
     * @param allowAny      any address at all (the local profile)
     */
    public TargetGuard(Resolver resolver, boolean allowHttp, boolean allowLoopback, boolean allowAny) {
        this.resolver = resolver;
        this.allowHttp = allowHttp;
        this.allowLoopback = allowLoopback;
        this.allowAny = allowAny;
    }

    /** Why a webhook may not go to {@code url}, or empty when it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            return Optional.of(allowHttp ? "must be an http or https URL" : "must be an https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry user information");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("must name a host");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.of("names a host that cannot be resolved");
        }
        if (addresses.length == 0) {
            return Optional.of("names a host that cannot be resolved");
        }
        for (InetAddress address : addresses) {
            AddressPolicy.Kind kind = AddressPolicy.classify(address.getAddress());
            if (!AddressPolicy.allowed(kind, allowLoopback, allowAny)) {
                return Optional.of("resolves to a " + kind.name().toLowerCase(Locale.ROOT).replace('_', '-')
                        + " address, which webhooks are not sent to");
            }
        }
        return Optional.empty();
    }
}
