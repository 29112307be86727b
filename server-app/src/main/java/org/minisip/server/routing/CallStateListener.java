package org.minisip.server.routing;

/**
 * Told by the B2BUA how each call moves, so other components (presence / BLF) can follow which extensions ring
 * and talk. Called on SIP or timer threads with the call's monitor held: implementations must only record or hand
 * off the change, never block or call back into routing.
 */
public interface CallStateListener {
    /** Does nothing: for servers without presence. */
    CallStateListener NONE = new CallStateListener() {
    };

    /**
     * A ring stage of call {@code callId} alerts {@code callee}'s contacts; {@code caller} is the calling party
     * (an extension or a trunk's caller number). After forwarding or the next hunt member, this comes again with
     * the new callee: the previous one is no longer rung.
     */
    default void ringing(String callId, String caller, String callee) {
    }

    /** The call was answered by {@code callee} (the final one, after forwarding or hunting). */
    default void answered(String callId, String caller, String callee) {
    }

    /** The call is over (answered or not); every party of it is free again. */
    default void ended(String callId) {
    }
}
