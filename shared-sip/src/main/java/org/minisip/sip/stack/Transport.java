package org.minisip.sip.stack;

import java.util.Locale;

/** SIP transports (RFC 3261 §18). TLS here means SIP over TLS on a stream, the "sips"-capable transport. */
public enum Transport {
    UDP, TCP, TLS;

    /** Lower-case token as used in {@code ;transport=} URI parameters and JAIN-SIP listening points. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isStream() {
        return this != UDP;
    }

    /** Default port for this transport (5060, or 5061 for TLS). */
    public int defaultPort() {
        return this == TLS ? 5061 : 5060;
    }

    /** Parses {@code udp|tcp|tls} in any case; throws IllegalArgumentException naming the bad value. */
    public static Transport parse(String s) {
        if (s == null) {
            return UDP;
        }
        for (Transport t : values()) {
            if (t.name().equalsIgnoreCase(s.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + s + "' (expected udp, tcp or tls)");
    }
}
