package org.minisip.server.sip;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random tags and Call-ID parts (RFC 3261 §19.3: at least 32 bits of randomness). */
public final class Tags {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tags() {
    }

    public static String newTag() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public static String newCallId(String host) {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b) + "@" + host;
    }
}
