package org.minisip.sip.auth;

import java.util.Locale;

/**
 * The Digest response computation of RFC 2617 §3.2.2 / RFC 7616 §3.4 for {@code qop=auth} and the legacy
 * RFC 2069 form (no qop). {@code qop=auth-int} is not supported. Stateless and thread-safe.
 */
final class DigestMath {
    private DigestMath() {
    }

    /** An {@code algorithm} parameter value split into hash and session flag ({@code MD5-sess}). */
    record Alg(DigestAlgorithm hash, boolean sess) {
        /** Absent parameter means MD5 (RFC 7616 §3.3). Returns null for unsupported algorithms. */
        static Alg parse(String token) {
            if (token == null) {
                return new Alg(DigestAlgorithm.MD5, false);
            }
            String t = token.trim();
            boolean sess = t.toLowerCase(Locale.ROOT).endsWith("-sess");
            if (sess) {
                t = t.substring(0, t.length() - 5);
            }
            return DigestAlgorithm.parse(t).map(a -> new Alg(a, sess)).orElse(null);
        }

        String token() {
            return hash.token() + (sess ? "-sess" : "");
        }
    }

    /**
     * Computes the {@code response} value.
     *
     * @param qop {@code "auth"} or null (RFC 2069 compatibility; {@code nc}/{@code cnonce} then ignored)
     * @return lower-case hex
     */
    static String response(Alg alg, String username, String realm, String password, String method,
                           String digestUri, String nonce, String nc, String cnonce, String qop) {
        DigestAlgorithm h = alg.hash();
        String ha1 = h.hex(username + ":" + realm + ":" + password);
        if (alg.sess()) {
            ha1 = h.hex(ha1 + ":" + nonce + ":" + cnonce);
        }
        String ha2 = h.hex(method + ":" + digestUri);
        if (qop == null) {
            return h.hex(ha1 + ":" + nonce + ":" + ha2);
        }
        return h.hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /** Quotes a value as an RFC 7230 quoted-string, escaping {@code "} and {@code \}. */
    static String quote(String v) {
        StringBuilder sb = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
