package org.minisip.media.srtp;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Independent RFC 3711 reference built on javax.crypto only, used to check jitsi-srtp's output.
 */
final class SrtpReference {

    private SrtpReference() {
    }

    static byte[] hex(String s) {
        String h = s.replaceAll("\\s", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    /** AES-128 in counter mode starting at the 16-byte counter block {@code iv}. */
    static byte[] aesCm(byte[] key, byte[] iv, byte[] data) throws Exception {
        Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return c.doFinal(data);
    }

    /** RFC 3711 §4.3.1/§4.3.3 key derivation with key_derivation_rate 0. */
    static byte[] kdf(byte[] masterKey, byte[] masterSalt, int label, int len) throws Exception {
        byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, 14);
        iv[7] ^= (byte) label;
        return aesCm(masterKey, iv, new byte[len]);
    }

    /** SRTP/SRTCP AES-CM IV (RFC 3711 §4.1.1) for a 48-bit (or 31-bit) index. */
    static byte[] iv(byte[] sessionSalt, long ssrc, long index) {
        byte[] iv = new byte[16];
        System.arraycopy(sessionSalt, 0, iv, 0, 14);
        for (int i = 0; i < 4; i++) {
            iv[4 + i] ^= (byte) (ssrc >>> (24 - 8 * i));
        }
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
        }
        return iv;
    }

    static byte[] hmac80(byte[] key, byte[]... parts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        for (byte[] p : parts) {
            mac.update(p);
        }
        byte[] full = mac.doFinal();
        return java.util.Arrays.copyOf(full, 10);
    }
}
