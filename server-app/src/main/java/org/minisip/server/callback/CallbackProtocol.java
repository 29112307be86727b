package org.minisip.server.callback;

import java.nio.charset.StandardCharsets;

/**
 * The call-back request format: one UTF-8 text line per UDP datagram (at most {@value #MAX_BYTES} bytes, a
 * trailing CR/LF is ignored), tokens separated by single or repeated spaces:
 *
 * <pre>
 *   CALL &lt;id&gt; &lt;A&gt; &lt;B&gt;    call A; when A answers, call B and join them
 *   PING &lt;id&gt;              liveness check
 * </pre>
 *
 * {@code id}: 1-64 of {@code A-Z a-z 0-9 . _ -}, chosen by the application and echoed. {@code A}, {@code B}: what
 * an extension would dial (an extension number, or a trunk's outbound prefix + number), 1-32 of
 * {@code 0-9 A-Z a-z * # +}; no prefix is added or removed by the service. One response datagram per request:
 *
 * <pre>
 *   OK &lt;id&gt; &lt;call-ref&gt;            accepted, A is being called (call-ref: the Call-ID of A's leg)
 *   PONG &lt;id&gt;
 *   ERROR &lt;id|-&gt; &lt;code&gt; &lt;reason&gt;  rejected: 400 malformed, 404 unknown number, 405 unknown command,
 *                                 480 not registered, 503 too many call-backs in progress / cannot send
 * </pre>
 */
public final class CallbackProtocol {
    public static final int MAX_BYTES = 512;
    private static final String ID = "[A-Za-z0-9._-]{1,64}";
    private static final String NUMBER = "[0-9A-Za-z*#+]{1,32}";

    private CallbackProtocol() {
    }

    /** A parsed datagram. */
    public sealed interface Parsed {
    }

    public record Call(String id, String a, String b) implements Parsed {
    }

    public record Ping(String id) implements Parsed {
    }

    /** A request that is rejected without doing anything; {@code id} is "-" when none could be read. */
    public record Rejected(String id, int code, String reason) implements Parsed {
        public String response() {
            return error(id, code, reason);
        }
    }

    public static Parsed parse(byte[] data, int length) {
        if (length > MAX_BYTES) {
            return new Rejected("-", 400, "request longer than " + MAX_BYTES + " bytes");
        }
        String text = new String(data, 0, length, StandardCharsets.UTF_8);
        text = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (text.isBlank()) {
            return new Rejected("-", 400, "empty request");
        }
        if (!text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return new Rejected("-", 400, "only printable ASCII on one line is allowed");
        }
        String[] t = text.trim().split(" +");
        String id = t.length > 1 && t[1].matches(ID) ? t[1] : "-";
        switch (t[0]) {
            case "CALL" -> {
                if (t.length != 4) {
                    return new Rejected(id, 400, "expected: CALL <id> <A> <B>");
                }
                if (id.equals("-")) {
                    return new Rejected(id, 400, "bad id (1-64 of A-Z a-z 0-9 . _ -)");
                }
                if (!t[2].matches(NUMBER) || !t[3].matches(NUMBER)) {
                    return new Rejected(id, 400, "bad number (1-32 of 0-9 A-Z a-z * # +)");
                }
                return new Call(id, t[2], t[3]);
            }
            case "PING" -> {
                return t.length == 2 && !id.equals("-") ? new Ping(id) : new Rejected(id, 400, "expected: PING <id>");
            }
            default -> {
                return new Rejected(id, 405, "unknown command (use CALL or PING)");
            }
        }
    }

    public static String ok(String id, String ref) {
        return "OK " + id + " " + ref;
    }

    public static String pong(String id) {
        return "PONG " + id;
    }

    public static String error(String id, int code, String reason) {
        return "ERROR " + id + " " + code + " " + reason;
    }
}
