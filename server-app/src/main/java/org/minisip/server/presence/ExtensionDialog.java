package org.minisip.server.presence;

import java.util.Locale;

/**
 * One INVITE dialog an extension takes part in, as RFC 4235 describes it: {@code initiator} when the extension
 * called, {@code peer} the other party's number. Immutable.
 */
record ExtensionDialog(String id, String callId, boolean initiator, String peer, State state) {

    /** RFC 4235 §3.7.1 dialog states. */
    enum State {
        TRYING, PROCEEDING, EARLY, CONFIRMED, TERMINATED;

        String token() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    ExtensionDialog with(State s) {
        return new ExtensionDialog(id, callId, initiator, peer, s);
    }
}
