package org.minisip.phone.engine;

import java.util.Locale;

/** What a watched extension's lamp shows (busy lamp field, from RFC 4235 dialog-info). */
public enum BlfState {
    /** In no call. */
    IDLE,
    /** Being called (an early dialog as recipient): can be picked up. */
    RINGING,
    /** In a call, or dialling out. */
    BUSY,
    /** Not known: not subscribed (yet), or the server refused the subscription. */
    UNKNOWN;

    /** The word of the {@code blf} state line. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
