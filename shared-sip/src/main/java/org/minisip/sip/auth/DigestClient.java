package org.minisip.sip.auth;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Client side of SIP Digest authentication (RFC 3261 §22.4, RFC 2617, RFC 7616, RFC 8760): turns a
 * {@code WWW-Authenticate} / {@code Proxy-Authenticate} value into the matching {@code Authorization} /
 * {@code Proxy-Authorization} value.
 *
 * <p>Supports {@code algorithm} MD5, SHA-256 and their {@code -sess} variants, {@code qop=auth} (chosen
 * whenever offered, with a fresh random cnonce and a nonce count incremented per nonce) and the RFC 2069 form
 * when the challenge has no qop. {@code opaque} is echoed; {@code userhash=true} (RFC 7616 §3.4.4) is honoured.
 *
 * <p>Thread-safe: nonce counts are kept under a lock, for the most recent {@value #MAX_NONCES} nonces.
 */
public final class DigestClient {
    static final int MAX_NONCES = 32;

    private final String username;
    private final String password;
    private final Supplier<String> cnonceSource;
    private final Map<String, Integer> nonceCounts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_NONCES;
        }
    };

    /**
     * @param username the user name to authenticate as
     * @param password the password; encoded as UTF-8 for hashing
     * @param rnd      source of client nonces
     */
    public DigestClient(String username, String password, SecureRandom rnd) {
        this(username, password, randomCnonce(Objects.requireNonNull(rnd, "rnd")));
    }

    /** For tests that reproduce published vectors with a fixed cnonce. */
    DigestClient(String username, String password, Supplier<String> cnonceSource) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.cnonceSource = cnonceSource;
    }

    /**
     * Builds the credentials answering {@code challengeValue}.
     *
     * @param challengeValue the {@code WWW-Authenticate} or {@code Proxy-Authenticate} header value
     * @param method         the SIP method of the request being retried, e.g. {@code REGISTER}
     * @param digestUri      the Request-URI of that request, as sent, e.g. {@code sip:example.com}
     * @return an {@code Authorization} / {@code Proxy-Authorization} header value
     * @throws IllegalArgumentException if the challenge is malformed, lacks realm or nonce, asks for an
     *                                  unsupported algorithm, or offers qop without {@code auth}
     */
    public String answer(String challengeValue, String method, String digestUri) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(digestUri, "digestUri");
        DigestParams c = DigestParams.parse(challengeValue);
        String realm = c.get("realm");
        String nonce = c.get("nonce");
        if (realm == null || nonce == null) {
            throw new IllegalArgumentException("Digest challenge without realm or nonce");
        }
        String algToken = c.get("algorithm");
        DigestMath.Alg alg = DigestMath.Alg.parse(algToken);
        if (alg == null) {
            throw new IllegalArgumentException("unsupported Digest algorithm '" + algToken + "'");
        }
        String qop = null;
        String qopOffer = c.get("qop");
        if (qopOffer != null) {
            for (String q : qopOffer.split(",")) {
                if (q.trim().equalsIgnoreCase("auth")) {
                    qop = "auth";
                }
            }
            if (qop == null) {
                throw new IllegalArgumentException("Digest challenge offers only qop '" + qopOffer + "'");
            }
        }
        String nc = null;
        String cnonce = null;
        if (qop != null || alg.sess()) {
            cnonce = cnonceSource.get();
        }
        if (qop != null) {
            nc = String.format(Locale.ROOT, "%08x", nextCount(nonce));
        }
        String response = DigestMath.response(alg, username, realm, password, method, digestUri, nonce, nc,
                cnonce, qop);
        boolean userhash = "true".equalsIgnoreCase(c.get("userhash"));
        String user = userhash ? alg.hash().hex(username + ":" + realm) : username;

        StringBuilder sb = new StringBuilder("Digest ");
        sb.append("username=").append(DigestMath.quote(user));
        sb.append(", realm=").append(DigestMath.quote(realm));
        sb.append(", nonce=").append(DigestMath.quote(nonce));
        sb.append(", uri=").append(DigestMath.quote(digestUri));
        sb.append(", algorithm=").append(algToken != null ? algToken.trim() : alg.token());
        if (qop != null) {
            sb.append(", qop=").append(qop).append(", nc=").append(nc);
        }
        if (cnonce != null) {
            sb.append(", cnonce=").append(DigestMath.quote(cnonce));
        }
        sb.append(", response=").append(DigestMath.quote(response));
        String opaque = c.get("opaque");
        if (opaque != null) {
            sb.append(", opaque=").append(DigestMath.quote(opaque));
        }
        if (userhash) {
            sb.append(", userhash=true");
        }
        return sb.toString();
    }

    private synchronized int nextCount(String nonce) {
        return nonceCounts.merge(nonce, 1, Integer::sum);
    }

    private static Supplier<String> randomCnonce(SecureRandom rnd) {
        return () -> {
            byte[] b = new byte[16];
            rnd.nextBytes(b); // SecureRandom is thread-safe
            return HexFormat.of().formatHex(b);
        };
    }
}
