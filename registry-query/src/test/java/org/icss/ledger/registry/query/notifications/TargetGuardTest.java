package org.icss.ledger.registry.query.notifications;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TargetGuardTest {

    /** A resolver with fixed answers: no network in a unit test. */
    private static final Map<String, String[]> DNS = Map.of(
            "hooks.example.com", new String[]{"93.184.216.34"},
            "rebind.example.com", new String[]{"93.184.216.34", "10.0.0.7"},   // one private answer among public
            "metadata.example.com", new String[]{"169.254.169.254"},
            "localhost", new String[]{"127.0.0.1", "::1"},
            "v6.example.com", new String[]{"2a00:1450:4001::1"});

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] answers = DNS.get(host);
        if (answers == null) {
            // a literal resolves to itself without a lookup
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return new InetAddress[]{InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] addresses = new InetAddress[answers.length];
        for (int i = 0; i < answers.length; i++) {
            addresses[i] = InetAddress.getByAddress(host, InetAddress.getByName(answers[i]).getAddress());
        }
        return addresses;
    }

    @ParameterizedTest(name = "{0} (http {1}, loopback {2}, any {3}): {4}")
    @CsvSource(delimiter = '|', value = {
            "https://hooks.example.com/icss | false | false | false | ",
            "https://hooks.example.com:8443/a?b=c | false | false | false | ",
            "https://v6.example.com/ | false | false | false | ",
            "https://[2a00:1450:4001::1]/hook | false | false | false | ",
            "http://hooks.example.com/icss | false | false | false | must be an https URL",
            "http://hooks.example.com/icss | true | false | false | ",
            "ftp://hooks.example.com/icss | true | false | false | must be an http or https URL",
            "hooks.example.com/icss | false | false | false | must be an https URL",
            "https://user:pw@hooks.example.com/ | false | false | false | must not carry user information",
            "https://hooks.example.com/#frag | false | false | false | must not have a fragment",
            "https:///nohost | false | false | false | must name a host",
            "https://bad host/ | false | false | false | is not a URL",
            "https://unknown.example.com/ | false | false | false | names a host that cannot be resolved",
            "https://rebind.example.com/ | false | false | false | resolves to a private address, which webhooks are not sent to",
            "https://metadata.example.com/ | false | true | false | resolves to a link-local address, which webhooks are not sent to",
            "https://localhost/ | false | false | false | resolves to a loopback address, which webhooks are not sent to",
            "https://localhost/ | false | true | false | ",
            "https://127.0.0.1/ | false | true | false | ",
            "https://10.0.0.1/ | false | true | false | resolves to a private address, which webhooks are not sent to",
            "https://10.0.0.1/ | false | false | true | ",
            "https://[fe80::1]/ | false | false | false | resolves to a link-local address, which webhooks are not sent to",
            "https://[::ffff:127.0.0.1]/ | false | false | false | resolves to a loopback address, which webhooks are not sent to",
            "https://224.0.0.1/ | false | false | false | resolves to a multicast address, which webhooks are not sent to",
    })
    void refusesWhatAWebhookMayNotReach(String url, boolean http, boolean loopback, boolean any, String refusal) {
        TargetGuard guard = new TargetGuard(TargetGuardTest::resolve, http, loopback, any);
        assertThat(guard.refusal(url).orElse(null)).isEqualTo(refusal);
    }
}
