package org.minisip.sip.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed Digest challenge ({@code WWW-Authenticate} / {@code Proxy-Authenticate}) or credentials
 * ({@code Authorization} / {@code Proxy-Authorization}) header value, per the {@code auth-param} grammar of
 * RFC 7235 §2.1 as used by RFC 3261 §25.1 and RFC 7616.
 *
 * <p>Parameter names are case-insensitive; values may be tokens or quoted-strings (backslash escapes are
 * removed, commas inside quotes are kept). Input is bounded to {@link #MAX_LENGTH} characters; a duplicated
 * parameter, an unterminated quote or any other syntax error is rejected. Instances are immutable and
 * thread-safe.
 */
public final class DigestParams {
    /** Longest header value accepted. */
    public static final int MAX_LENGTH = 8192;

    private final String scheme;
    private final Map<String, String> params;

    private DigestParams(String scheme, Map<String, String> params) {
        this.scheme = scheme;
        this.params = Collections.unmodifiableMap(params);
    }

    /**
     * Parses {@code Digest name=value, name="quoted value", ...}.
     *
     * @throws IllegalArgumentException if the value is null, too long, not of scheme Digest, or malformed
     */
    public static DigestParams parse(String headerValue) {
        if (headerValue == null) {
            throw new IllegalArgumentException("missing Digest header value");
        }
        if (headerValue.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Digest header value longer than " + MAX_LENGTH + " characters");
        }
        String s = headerValue;
        int i = skipWs(s, 0);
        int start = i;
        while (i < s.length() && isTokenChar(s.charAt(i))) {
            i++;
        }
        String scheme = s.substring(start, i);
        if (!scheme.equalsIgnoreCase("Digest")) {
            throw new IllegalArgumentException("not a Digest header (scheme '" + clip(scheme) + "')");
        }
        if (i < s.length() && !isWs(s.charAt(i))) {
            throw new IllegalArgumentException("expected whitespace after scheme at offset " + i);
        }
        Map<String, String> map = new LinkedHashMap<>();
        boolean needComma = false;
        while (true) {
            i = skipWs(s, i);
            if (i >= s.length()) {
                break;
            }
            if (s.charAt(i) == ',') {
                needComma = false;
                i++;
                continue;
            }
            if (needComma) {
                throw new IllegalArgumentException("expected ',' at offset " + i);
            }
            int ns = i;
            while (i < s.length() && isTokenChar(s.charAt(i))) {
                i++;
            }
            if (i == ns) {
                throw new IllegalArgumentException("expected parameter name at offset " + i);
            }
            String name = s.substring(ns, i).toLowerCase(Locale.ROOT);
            i = skipWs(s, i);
            if (i >= s.length() || s.charAt(i) != '=') {
                throw new IllegalArgumentException("expected '=' after parameter '" + clip(name) + "'");
            }
            i = skipWs(s, i + 1);
            String value;
            if (i < s.length() && s.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char c = s.charAt(i++);
                    if (c == '\\') {
                        if (i >= s.length()) {
                            break;
                        }
                        sb.append(s.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        sb.append(c);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated quoted value of '" + clip(name) + "'");
                }
                value = sb.toString();
            } else {
                int vs = i;
                while (i < s.length() && isBareValueChar(s.charAt(i))) {
                    i++;
                }
                if (i == vs) {
                    throw new IllegalArgumentException("missing value of '" + clip(name) + "'");
                }
                value = s.substring(vs, i);
            }
            if (map.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("duplicate parameter '" + clip(name) + "'");
            }
            needComma = true;
        }
        return new DigestParams(scheme, map);
    }

    /** The value of parameter {@code name} (case-insensitive), unquoted and unescaped; null if absent. */
    public String get(String name) {
        return params.get(name.toLowerCase(Locale.ROOT));
    }

    /** The auth scheme as written (equal to "Digest" ignoring case). */
    public String scheme() {
        return scheme;
    }

    /** All parameters, names lower-cased, in header order. Unmodifiable. */
    public Map<String, String> asMap() {
        return params;
    }

    @Override
    public String toString() {
        return scheme + " " + params.keySet();
    }

    private static int skipWs(String s, int i) {
        while (i < s.length() && isWs(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isWs(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** RFC 7230 tchar, plus '/' and ':' which real-world stacks put in unquoted names and values. */
    private static boolean isTokenChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "!#$%&'*+-.^_`|~/:".indexOf(c) >= 0;
    }

    /** Unquoted values: any visible ASCII except ',' and '"' (lenient: base64 '=' and '@' occur in the wild). */
    private static boolean isBareValueChar(char c) {
        return c > 0x20 && c < 0x7f && c != ',' && c != '"';
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
