// A webhook receiver for the ICSS Ledger's notifications, in plain JDK (README "Notifications by webhook"):
//   java docs/examples/WebhookReceiver.java 9000 whsec_...
// It answers the verification challenge, checks every notification's Standard Webhooks signature, drops a
// webhook-id it has seen (deliveries are at least once) and prints the CloudEvent.
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class WebhookReceiver {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] key = Base64.getDecoder().decode(args.length > 1 ? args[1].replaceFirst("^whsec_", "") : "");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String text = new String(body, StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
            String answer = "";
            int status = 200;
            if (key.length > 0 && !signed(key, id, timestamp, body, signatures)) {
                status = 401;
                System.out.println("bad signature on " + id);
            } else if (text.contains("\"org.icss.webhook.verification\"")) {
                Matcher challenge = Pattern.compile("\"challenge\"\\s*:\\s*\"([^\"]+)\"").matcher(text);
                answer = challenge.find() ? "{\"challenge\":\"" + challenge.group(1) + "\"}" : "";
                System.out.println("verified subscription; signature ok");
            } else if (seen.add(id)) {
                System.out.println("signature ok, " + id + ": " + text);
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        System.out.println("listening on http://localhost:" + port + "/");
    }

    /** Standard Webhooks: HMAC-SHA256 of "id.timestamp.body"; any "v1,<base64>" of the header may match. */
    static boolean signed(byte[] key, String id, String timestamp, byte[] body, String header) {
        if (id == null || timestamp == null || header == null
                || Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            for (String entry : header.split(" ")) {
                if (entry.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(entry.substring(3)))) {
                    return true;
                }
            }
        } catch (Exception e) {
            return false;
        }
        return false;
    }
}
