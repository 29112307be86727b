package org.minisip.sip.dialog;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The value of a {@code Replaces} header (RFC 3891 §6.1): {@code callid ;to-tag=T ;from-tag=F [;early-only]}.
 *
 * <p>RFC 3891 §3: a UA receiving an INVITE with Replaces matches {@link #callId} with the dialog's Call-ID,
 * {@link #toTag} with the dialog's <em>local</em> tag and {@link #fromTag} with its <em>remote</em> tag. Inside a
 * Refer-To URI the header travels as a URI header ({@code ?Replaces=...}), escaped as RFC 3261 §19.1.1 requires
 * ({@link #toUriHeader()}, {@link #fromUriHeader(String)}).
 *
 * @param callId    the Call-ID of the dialog to replace (any Call-ID characters, including {@code @})
 * @param toTag     compared with the receiver's local tag
 * @param fromTag   compared with the receiver's remote tag
 * @param earlyOnly the {@code early-only} flag: only an early dialog may be replaced (else 486)
 */
public record Replaces(String callId, String toTag, String fromTag, boolean earlyOnly) {
    /** The header name (also the URI header name in a Refer-To). */
    public static final String NAME = "Replaces";
    /** Longest header value accepted: a Call-ID and two tags fit in far less. */
    public static final int MAX_LENGTH = 1024;

    public Replaces {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(toTag, "toTag");
        Objects.requireNonNull(fromTag, "fromTag");
        if (callId.isBlank() || toTag.isBlank() || fromTag.isBlank()) {
            throw new IllegalArgumentException("Replaces needs a Call-ID, a to-tag and a from-tag");
        }
        if (!token(toTag) || !token(fromTag) || !word(callId)) {
            throw new IllegalArgumentException("bad character in Replaces");
        }
    }

    /** The dialog as seen by its other party: the same Call-ID with the tags swapped. */
    public Replaces seenFromOtherSide() {
        return new Replaces(callId, fromTag, toTag, earlyOnly);
    }

    /**
     * Whether this names the dialog {@code dialogCallId} whose local tag is {@code localTag} and remote tag
     * {@code remoteTag} at the receiving UA (RFC 3891 §3; Call-ID compared exactly, tags case-insensitively).
     */
    public boolean matches(String dialogCallId, String localTag, String remoteTag) {
        return callId.equals(dialogCallId) && toTag.equalsIgnoreCase(nullToEmpty(localTag))
                && fromTag.equalsIgnoreCase(nullToEmpty(remoteTag));
    }

    /** The header value, e.g. {@code 98732@sip.example.com;to-tag=r33th4x0r;from-tag=ff87ff}. */
    public String format() {
        return callId + ";to-tag=" + toTag + ";from-tag=" + fromTag + (earlyOnly ? ";early-only" : "");
    }

    @Override
    public String toString() {
        return format();
    }

    /**
     * Parses a header value. Parameter names are case-insensitive; unknown parameters are ignored (RFC 3261 §7.3.1
     * extension parameters); a missing tag or an empty Call-ID is an error.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static Replaces parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("no Replaces value");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Replaces longer than " + MAX_LENGTH + " characters");
        }
        String[] parts = value.trim().split(";");
        String callId = parts[0].trim();
        String to = null;
        String from = null;
        boolean early = false;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String v = eq < 0 ? null : unquote(p.substring(eq + 1).trim());
            switch (name) {
                case "to-tag" -> to = v;
                case "from-tag" -> from = v;
                case "early-only" -> early = true;
                default -> {
                    // generic-param: ignored
                }
            }
        }
        if (callId.isEmpty()) {
            throw new IllegalArgumentException("Replaces without a Call-ID");
        }
        if (to == null || to.isEmpty() || from == null || from.isEmpty()) {
            throw new IllegalArgumentException("Replaces needs both to-tag and from-tag");
        }
        return new Replaces(callId, to, from, early);
    }

    /** Parses, returning empty instead of throwing. */
    public static Optional<Replaces> tryParse(String value) {
        try {
            return Optional.of(parse(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The value as a URI header ({@code sip:bob@host?Replaces=<this>}): every character that is not unreserved
     * or one of {@code [ ] / ? : + $} (RFC 3261 hnv-unreserved) is %-escaped, so {@code ;} {@code =} {@code @}
     * become {@code %3B} {@code %3D} {@code %40} as in RFC 3891 §6.1's example.
     */
    public String toUriHeader() {
        StringBuilder sb = new StringBuilder();
        for (byte b : format().getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-_.!~*'()[]/?:+$".indexOf(c) >= 0)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** Parses a URI header value ({@code %3B}-escaped or not). */
    public static Replaces fromUriHeader(String escaped) {
        if (escaped == null) {
            throw new IllegalArgumentException("no Replaces value");
        }
        if (escaped.length() > 3 * MAX_LENGTH) {
            throw new IllegalArgumentException("Replaces longer than " + MAX_LENGTH + " characters");
        }
        return parse(unescape(escaped));
    }

    private static String unescape(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("bad %-escape in Replaces");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad %-escape in Replaces");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** RFC 3261 token characters (tags are tokens). */
    private static boolean token(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c < 0x80 && (Character.isLetterOrDigit(c) || "-.!%*_+`'~".indexOf(c) >= 0))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3261 {@code word} (Call-ID) characters, plus {@code @} between two words. */
    private static boolean word(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c < 0x80 && (Character.isLetterOrDigit(c) || "-.!%*_+`'~()<>:\\\"/[]?{}@".indexOf(c) >= 0))) {
                return false;
            }
        }
        return true;
    }
}
