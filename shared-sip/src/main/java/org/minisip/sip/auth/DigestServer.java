package org.minisip.sip.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server side of SIP Digest authentication (RFC 3261 §22.4, RFC 7616, RFC 8760) with stateless nonces.
 *
 * <p>A nonce is {@code base64url(timestamp || HMAC-SHA256(secret, timestamp || realm))} with an 8-byte
 * big-endian millisecond timestamp: the server can tell its own nonces from forged ones and how old they are
 * without storing anything. Because nothing is stored, nonce counts are not tracked: a captured request can be
 * replayed until its nonce expires (keep {@code nonceLifetime} short, e.g. a few minutes; the transport — TLS —
 * is the real replay defence). {@link #verify} also does not compare the {@code uri} parameter with the
 * Request-URI; callers that care can read it with {@link DigestParams}.
 *
 * <p>Thread-safe; instances hold no mutable state.
 */
public final class DigestServer {
    /** Result of {@link #verify}. */
    public sealed interface Verdict {
        /** Credentials are correct and the nonce is fresh. */
        record Ok(String username) implements Verdict {
        }

        /** Credentials are correct but the nonce expired: challenge again with {@code stale=true}. */
        record Stale(String username) implements Verdict {
        }

        /** Anything else; {@code username} is null when none could be read. {@code reason} is for logs only. */
        record Rejected(String username, String reason) implements Verdict {
        }
    }

    private static final int TS_LEN = 8;
    private static final int MAC_LEN = 32;

    private final String realm;
    private final byte[] secret;
    private final Clock clock;
    private final Duration nonceLifetime;
    private final String opaque;
    private final String dummyPassword;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    /**
     * @param realm         the realm, e.g. the SIP domain; non-empty
     * @param secret        HMAC key, at least 16 bytes (copied); nonces survive restarts only if it does
     * @param clock         time source for nonce timestamps
     * @param nonceLifetime how long a nonce is accepted as fresh; positive
     */
    public DigestServer(String realm, byte[] secret, Clock clock, Duration nonceLifetime) {
        this.realm = Objects.requireNonNull(realm, "realm");
        if (realm.isEmpty()) {
            throw new IllegalArgumentException("empty realm");
        }
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("nonce secret must be at least 16 bytes");
        }
        this.secret = secret.clone();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nonceLifetime = Objects.requireNonNull(nonceLifetime, "nonceLifetime");
        if (nonceLifetime.isNegative() || nonceLifetime.isZero()) {
            throw new IllegalArgumentException("nonceLifetime must be positive");
        }
        byte[] o = hmac(("opaque|" + realm).getBytes(StandardCharsets.UTF_8));
        this.opaque = HexFormat.of().formatHex(o, 0, 16);
        byte[] d = new byte[24];
        new SecureRandom().nextBytes(d);
        this.dummyPassword = HexFormat.of().formatHex(d);
    }

    /** The realm this server challenges for. */
    public String realm() {
        return realm;
    }

    /**
     * A {@code WWW-Authenticate} / {@code Proxy-Authenticate} value with a fresh nonce:
     * {@code Digest realm="..", nonce="..", opaque="..", algorithm=MD5, qop="auth"[, stale=true]}.
     */
    public String challenge(DigestAlgorithm alg, boolean stale) {
        Objects.requireNonNull(alg, "alg");
        StringBuilder sb = new StringBuilder("Digest realm=").append(DigestMath.quote(realm));
        sb.append(", nonce=\"").append(newNonce()).append('"');
        sb.append(", opaque=\"").append(opaque).append('"');
        sb.append(", algorithm=").append(alg.token());
        sb.append(", qop=\"auth\"");
        if (stale) {
            sb.append(", stale=true");
        }
        return sb.toString();
    }

    /** One challenge per algorithm, SHA-256 first, then MD5 (RFC 8760 §2.4: strongest first). */
    public List<String> challenges(boolean stale) {
        return List.of(challenge(DigestAlgorithm.SHA_256, stale), challenge(DigestAlgorithm.MD5, stale));
    }

    /**
     * Checks {@code Authorization} / {@code Proxy-Authorization} credentials.
     *
     * <p>The password lookup and the response computation run for unknown users too (with a random dummy
     * password), and responses are compared in constant time, so timing does not tell whether a user exists
     * (beyond what {@code passwordForUser} itself leaks).
     *
     * @param method              the request's SIP method, e.g. {@code REGISTER}
     * @param authorizationValue  the header value; null or malformed gives {@link Verdict.Rejected}
     * @param passwordForUser     plain-text password of a user name, empty if unknown
     * @return never null
     */
    public Verdict verify(String method, String authorizationValue,
                          Function<String, Optional<String>> passwordForUser) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(passwordForUser, "passwordForUser");
        DigestParams p;
        try {
            p = DigestParams.parse(authorizationValue);
        } catch (IllegalArgumentException e) {
            return new Verdict.Rejected(null, "malformed credentials: " + e.getMessage());
        }
        String username = p.get("username");
        if (username == null) {
            return new Verdict.Rejected(null, "missing username");
        }
        if ("true".equalsIgnoreCase(p.get("userhash"))) {
            return new Verdict.Rejected(username, "userhash not supported");
        }
        if (!realm.equals(p.get("realm"))) {
            return new Verdict.Rejected(username, "realm mismatch");
        }
        DigestMath.Alg alg = DigestMath.Alg.parse(p.get("algorithm"));
        if (alg == null) {
            return new Verdict.Rejected(username, "unsupported algorithm " + p.get("algorithm"));
        }
        String nonce = p.get("nonce");
        String uri = p.get("uri");
        String response = p.get("response");
        if (nonce == null || uri == null || response == null) {
            return new Verdict.Rejected(username, "missing nonce, uri or response");
        }
        if (response.length() != alg.hash().hexLength()) {
            return new Verdict.Rejected(username, "response has the wrong length for " + alg.token());
        }
        String qop = p.get("qop");
        String nc = p.get("nc");
        String cnonce = p.get("cnonce");
        if (qop != null) {
            if (!qop.equalsIgnoreCase("auth")) {
                return new Verdict.Rejected(username, "unsupported qop " + qop);
            }
            qop = "auth";
            if (nc == null || !nc.matches("[0-9a-fA-F]{8}") || cnonce == null || cnonce.isEmpty()) {
                return new Verdict.Rejected(username, "qop=auth without valid nc and cnonce");
            }
        } else if (alg.sess() && (cnonce == null || cnonce.isEmpty())) {
            return new Verdict.Rejected(username, "-sess algorithm without cnonce");
        }
        String sentOpaque = p.get("opaque");
        if (sentOpaque != null && !sentOpaque.equals(opaque)) {
            return new Verdict.Rejected(username, "opaque mismatch");
        }
        NonceState state = checkNonce(nonce);

        Optional<String> pw = passwordForUser.apply(username);
        boolean known = pw != null && pw.isPresent();
        String expected = DigestMath.response(alg, username, realm, known ? pw.get() : dummyPassword, method, uri,
                nonce, nc, cnonce, qop);
        boolean match = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));

        if (state == NonceState.INVALID) {
            return new Verdict.Rejected(username, "nonce not issued by this server");
        }
        if (!known || !match) {
            return new Verdict.Rejected(username, "invalid credentials");
        }
        return state == NonceState.STALE ? new Verdict.Stale(username) : new Verdict.Ok(username);
    }

    private enum NonceState { FRESH, STALE, INVALID }

    String newNonce() {
        byte[] ts = ByteBuffer.allocate(TS_LEN).putLong(clock.millis()).array();
        byte[] out = ByteBuffer.allocate(TS_LEN + MAC_LEN).put(ts).put(nonceMac(ts)).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    private NonceState checkNonce(String nonce) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return NonceState.INVALID;
        }
        if (raw.length != TS_LEN + MAC_LEN) {
            return NonceState.INVALID;
        }
        byte[] ts = new byte[TS_LEN];
        byte[] mac = new byte[MAC_LEN];
        ByteBuffer.wrap(raw).get(ts).get(mac);
        if (!MessageDigest.isEqual(mac, nonceMac(ts))) {
            return NonceState.INVALID;
        }
        long issued = ByteBuffer.wrap(ts).getLong();
        long age = clock.millis() - issued;
        // a nonce "from the future" can only come from a clock step backwards: treat it as stale (re-challenge)
        return age >= -1000 && age <= nonceLifetime.toMillis() ? NonceState.FRESH : NonceState.STALE;
    }

    private byte[] nonceMac(byte[] ts) {
        byte[] r = realm.getBytes(StandardCharsets.UTF_8);
        return hmac(ByteBuffer.allocate(ts.length + 1 + r.length).put(ts).put((byte) '|').put(r).array());
    }

    private byte[] hmac(byte[] data) {
        return macs.get().doFinal(data);   // doFinal leaves the Mac ready for the next message, same key
    }

    /** One keyed Mac per thread: looking up the provider and keying it cost more than the HMAC itself. */
    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
