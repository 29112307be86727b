package org.minisip.media.srtp;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * SRTP master key (16 bytes) and master salt (14 bytes) for the AES_CM_128_HMAC_SHA1_80 suite,
 * exchanged with SDES (RFC 4568 §6.1: {@code inline:<base64(key||salt)>[|lifetime][|MKI:len]}).
 *
 * <p>Immutable: accessors return copies, so instances may be shared between threads.
 */
public final class SrtpKeys {

    /** Master key length in bytes (AES-128). */
    public static final int KEY_LENGTH = 16;
    /** Master salt length in bytes. */
    public static final int SALT_LENGTH = 14;

    private final byte[] key;
    private final byte[] salt;

    /**
     * @throws IllegalArgumentException if the lengths are not 16 and 14
     */
    public SrtpKeys(byte[] masterKey, byte[] masterSalt) {
        if (masterKey == null || masterKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("SRTP master key must be 16 bytes");
        }
        if (masterSalt == null || masterSalt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("SRTP master salt must be 14 bytes");
        }
        this.key = masterKey.clone();
        this.salt = masterSalt.clone();
    }

    /** Fresh random keys. */
    public static SrtpKeys random(SecureRandom rng) {
        byte[] k = new byte[KEY_LENGTH];
        byte[] s = new byte[SALT_LENGTH];
        rng.nextBytes(k);
        rng.nextBytes(s);
        return new SrtpKeys(k, s);
    }

    /** Copy of the 16-byte master key. */
    public byte[] masterKey() {
        return key.clone();
    }

    /** Copy of the 14-byte master salt. */
    public byte[] masterSalt() {
        return salt.clone();
    }

    /** Base64 of key||salt: the 40 characters following {@code inline:} in an SDP crypto line. */
    public String toInline() {
        byte[] both = new byte[KEY_LENGTH + SALT_LENGTH];
        System.arraycopy(key, 0, both, 0, KEY_LENGTH);
        System.arraycopy(salt, 0, both, KEY_LENGTH, SALT_LENGTH);
        return Base64.getEncoder().encodeToString(both);
    }

    /**
     * Parses the key-params of an SDES crypto attribute. An optional leading {@code inline:} is
     * stripped. A lifetime suffix ({@code |2^31} or {@code |1048576}) is accepted and ignored.
     *
     * @throws IllegalArgumentException on an MKI suffix (unsupported), bad base64 or a decoded
     *     length other than 30 bytes
     */
    public static SrtpKeys fromInline(String inline) {
        if (inline == null) {
            throw new IllegalArgumentException("missing SRTP key params");
        }
        String s = inline.trim();
        if (s.regionMatches(true, 0, "inline:", 0, 7)) {
            s = s.substring(7);
        }
        String[] parts = s.split("\\|", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("malformed SRTP key params: " + inline);
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.indexOf(':') >= 0) {
                throw new IllegalArgumentException("SRTP MKI is not supported: " + inline);
            }
            if (!p.matches("2\\^\\d{1,2}|\\d{1,20}")) {
                throw new IllegalArgumentException("malformed SRTP key lifetime: " + p);
            }
        }
        byte[] both;
        try {
            both = Base64.getDecoder().decode(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SRTP key is not valid base64", e);
        }
        if (both.length != KEY_LENGTH + SALT_LENGTH) {
            throw new IllegalArgumentException(
                    "SRTP key||salt must be 30 bytes, got " + both.length);
        }
        return new SrtpKeys(Arrays.copyOf(both, KEY_LENGTH),
                Arrays.copyOfRange(both, KEY_LENGTH, both.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpKeys k && Arrays.equals(key, k.key) && Arrays.equals(salt, k.salt);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(salt);
    }

    /** Never reveals key material. */
    @Override
    public String toString() {
        return "SrtpKeys[AES_CM_128_HMAC_SHA1_80, redacted]";
    }
}
