package org.minisip.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Hash algorithms for HTTP/SIP Digest authentication: MD5 (RFC 2617) and SHA-256 (RFC 7616 §3.2, required
 * for SIP by RFC 8760). The {@code -sess} variants are not separate constants; see {@link DigestMath}.
 * Immutable and thread-safe.
 */
public enum DigestAlgorithm {
    MD5("MD5", "MD5"),
    SHA_256("SHA-256", "SHA-256");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The token used in the {@code algorithm} parameter: {@code "MD5"} or {@code "SHA-256"}. */
    public String token() {
        return token;
    }

    /**
     * Parses an {@code algorithm} token, case-insensitively. {@code "MD5"} / {@code "SHA-256"} only; the
     * {@code -sess} variants and unknown algorithms (e.g. SHA-512-256) give an empty result.
     */
    public static Optional<DigestAlgorithm> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String t = token.trim().toUpperCase(Locale.ROOT);
        for (DigestAlgorithm a : values()) {
            if (a.token.equals(t)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Lower-case hex digest of the UTF-8 bytes of {@code s}, as used by RFC 7616 §3.4.1 {@code H()/KD()}. */
    String hex(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance(jcaName);
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " missing from the JVM", e);
        }
    }

    /** Length of {@link #hex} output in characters. */
    int hexLength() {
        return this == MD5 ? 32 : 64;
    }
}
