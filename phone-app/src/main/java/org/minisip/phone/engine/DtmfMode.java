package org.minisip.phone.engine;

import java.util.Locale;

/** How an account sends DTMF. Received DTMF is accepted both ways, whatever the mode. */
public enum DtmfMode {
    /** RTP telephone-events (RFC 4733); falls back to SIP INFO when the peer negotiated no telephone-event. */
    RFC4733("rfc4733"),
    /** SIP INFO with {@code application/dtmf-relay} bodies inside the dialog, one digit per request. */
    INFO("info");

    private final String token;

    DtmfMode(String token) {
        this.token = token;
    }

    /** The command-line / config token. */
    public String token() {
        return token;
    }

    /** Parses {@code rfc4733} or {@code info} (case-insensitive). */
    public static DtmfMode parse(String s) {
        for (DtmfMode m : values()) {
            if (m.token.equalsIgnoreCase(s.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("DTMF mode must be rfc4733 or info, not '" + s.toLowerCase(Locale.ROOT)
                + "'");
    }
}
