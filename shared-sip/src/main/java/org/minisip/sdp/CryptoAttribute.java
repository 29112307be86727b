package org.minisip.sdp;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One SDES {@code a=crypto} attribute (RFC 4568 §4):
 * {@code <tag> <crypto-suite> <key-params> [<session-params>]}, e.g.
 * {@code 1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32}.
 *
 * @param tag           decimal tag, 0..999999999
 * @param suite         crypto suite name
 * @param keyParams     key parameters as written, {@code inline:...}; several are separated by {@code ;}
 * @param sessionParams session parameters as written, space-separated; {@code ""} if none
 */
public record CryptoAttribute(int tag, String suite, String keyParams, String sessionParams) {
    /** The one suite minisip keys: AES-CM-128 with 80-bit HMAC-SHA1 tag (RFC 4568 §6.2.1). */
    public static final String AES_CM_128_HMAC_SHA1_80 = "AES_CM_128_HMAC_SHA1_80";

    private static final Pattern WS = Pattern.compile("\\s+");

    public CryptoAttribute {
        if (tag < 0 || tag > 999_999_999) {
            throw new IllegalArgumentException("crypto tag out of range: " + tag);
        }
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(keyParams, "keyParams");
        Objects.requireNonNull(sessionParams, "sessionParams");
        if (suite.isEmpty() || WS.matcher(suite).find()) {
            throw new IllegalArgumentException("bad crypto suite '" + suite + "'");
        }
        if (!keyParams.regionMatches(true, 0, "inline:", 0, 7) || keyParams.length() == 7
                || WS.matcher(keyParams).find()) {
            throw new IllegalArgumentException("crypto key-params must be 'inline:<key>'");
        }
        sessionParams = sessionParams.trim();
    }

    /** An attribute with one inline key and no lifetime, MKI or session parameters. */
    public static CryptoAttribute of(int tag, String suite, String base64Key) {
        return new CryptoAttribute(tag, suite, "inline:" + base64Key, "");
    }

    /**
     * Parses the value after {@code a=crypto:}.
     *
     * @throws IllegalArgumentException if malformed
     */
    public static CryptoAttribute parse(String value) {
        String[] f = WS.split(value.trim(), 4);
        if (f.length < 3) {
            throw new IllegalArgumentException("crypto needs '<tag> <suite> <key-params>': " + value);
        }
        if (!f[0].matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("crypto tag must be 1-9 digits: " + f[0]);
        }
        return new CryptoAttribute(Integer.parseInt(f[0]), f[1], f[2], f.length == 4 ? f[3] : "");
    }

    /** The attribute value, as after {@code a=crypto:}. */
    public String format() {
        return tag + " " + suite + " " + keyParams + (sessionParams.isEmpty() ? "" : " " + sessionParams);
    }

    /** The base64 key||salt of the first key parameter, without {@code inline:}, lifetime and MKI. */
    public String inlineKey() {
        return firstKeyInfo().split("\\|", 2)[0];
    }

    /** Whether the first key parameter carries an MKI ({@code |<value>:<length>}). */
    public boolean hasMki() {
        String[] parts = firstKeyInfo().split("\\|");
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].contains(":")) {
                return true;
            }
        }
        return false;
    }

    /** Whether there is more than one key parameter ({@code ;}-separated). */
    public boolean hasMultipleKeys() {
        return keyParams.indexOf(';') >= 0;
    }

    private String firstKeyInfo() {
        return keyParams.substring(7).split(";", 2)[0];
    }
}
