package org.minisip.server.presence;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.minisip.server.RawSip;
import org.minisip.sip.auth.DigestClient;

/**
 * A hand-written SUBSCRIBE client over UDP for exact-message tests: one subscription dialog (Call-ID, tags, CSeq),
 * digest answers to 407, and the NOTIFYs it receives answered with 200.
 */
final class RawSubscriber implements AutoCloseable {
    final RawSip sip;
    final String user;
    private final String password;
    final String callId = UUID.randomUUID() + "@127.0.0.1";
    final String fromTag = Long.toHexString(new SecureRandom().nextLong());
    String toTag;
    private int cseq;

    RawSubscriber(int serverPort, String user, String password) throws IOException {
        this.sip = new RawSip(serverPort);
        this.user = user;
        this.password = password;
    }

    /** Sends SUBSCRIBE (answering one challenge) and returns the final response. */
    String subscribe(String target, String event, Integer expires, String accept) throws IOException {
        String r = send(target, event, expires, accept, null);
        if (RawSip.status(r) == 407) {
            String challenge = header(r, "Proxy-Authenticate").orElseThrow();
            String uri = "sip:" + target + "@127.0.0.1:" + sip.serverPort();
            String authz = new DigestClient(user, password, new SecureRandom()).answer(challenge, "SUBSCRIBE", uri);
            r = send(target, event, expires, accept, authz);
        }
        if (RawSip.status(r) / 100 == 2) {
            toTag = tag(header(r, "To").orElseThrow());
        }
        return r;
    }

    private String send(String target, String event, Integer expires, String accept, String authz)
            throws IOException {
        String branch = "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
        String uri = "sip:" + target + "@127.0.0.1:" + sip.serverPort();
        String msg = "SUBSCRIBE " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + sip.localPort() + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@127.0.0.1>;tag=" + fromTag + "\r\n"
                + "To: <" + uri + ">" + (toTag != null ? ";tag=" + toTag : "") + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + (++cseq) + " SUBSCRIBE\r\n"
                + "Contact: <sip:" + user + "@127.0.0.1:" + sip.localPort() + ">\r\n"
                + (event != null ? "Event: " + event + "\r\n" : "")
                + (expires != null ? "Expires: " + expires + "\r\n" : "")
                + (accept != null ? "Accept: " + accept + "\r\n" : "")
                + (authz != null ? "Proxy-Authorization: " + authz + "\r\n" : "")
                + "Content-Length: 0\r\n\r\n";
        sip.send(msg);
        while (true) {
            String r = sip.finalResponse(10_000).orElseThrow(() -> new AssertionError("no response to SUBSCRIBE"));
            if (header(r, "CSeq").orElse("").startsWith(cseq + " ")) {
                return r;
            }
        }
    }

    /** The next NOTIFY (answered with 200), or empty after {@code ms}; responses and other requests are skipped. */
    Optional<String> nextNotify(int ms) throws IOException {
        long end = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < end) {
            Optional<String> m = sip.receive((int) Math.max(1, end - System.currentTimeMillis()));
            if (m.isEmpty()) {
                return m;
            }
            if (m.get().startsWith("NOTIFY ")) {
                sip.send(okFor(m.get()));
                return m;
            }
        }
        return Optional.empty();
    }

    static String okFor(String request) {
        StringBuilder b = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : request.split("\r\n")) {
            String lower = line.toLowerCase();
            if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("to:")
                    || lower.startsWith("call-id:") || lower.startsWith("cseq:")) {
                b.append(line).append("\r\n");
            }
            if (line.isEmpty()) {
                break;
            }
        }
        return b.append("Content-Length: 0\r\n\r\n").toString();
    }

    static Optional<String> header(String msg, String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + "\\s*:\\s*(.*?)\\r?$").matcher(msg);
        return m.find() ? Optional.of(m.group(1).trim()) : Optional.empty();
    }

    static String body(String msg) {
        int i = msg.indexOf("\r\n\r\n");
        return i < 0 ? "" : msg.substring(i + 4);
    }

    private static String tag(String headerValue) {
        Matcher m = Pattern.compile(";\\s*tag=([^;\\s]+)").matcher(headerValue);
        return m.find() ? m.group(1) : null;
    }

    @Override
    public void close() {
        sip.close();
    }
}
