package org.minisip.phone.engine;

/**
 * Everything the engine tells a front end (headless CLI, Swing UI). Events are immutable values; the engine
 * publishes them on its own engine thread (or, for {@link DtmfReceived}, on a media thread) through the
 * {@code Consumer<PhoneEvent>} given to {@link PhoneEngine}. Consumers must not block: queue the event and
 * handle it on their own thread (the Swing UI moves it onto the EDT, the CLI onto its main thread).
 */
public sealed interface PhoneEvent {

    /** The registrar accepted the binding (initially or after a refresh that had failed before). */
    record Registered(String aor, int expiresSeconds) implements PhoneEvent {
    }

    /**
     * A registration attempt failed. {@code initial} is true when the account had never been registered in this
     * run (the CLI then gives up, exit 3); otherwise the engine keeps retrying with back-off and publishes this
     * only once per outage. {@code aor} names the account (several accounts can register at once).
     */
    record RegistrationFailed(int status, String reason, boolean initial, String aor) implements PhoneEvent {
        /** Without the account (tests, single-account front ends). */
        public RegistrationFailed(int status, String reason, boolean initial) {
            this(status, reason, initial, null);
        }
    }

    /**
     * An INVITE arrived; answer it with {@link PhoneEngine#answer} or reject it with {@link PhoneEngine#reject}.
     * {@code displayName} is the From header's display name, or null.
     */
    record IncomingCall(String callId, String fromUri, String displayName) implements PhoneEvent {
        public IncomingCall(String callId, String fromUri) {
            this(callId, fromUri, null);
        }
    }

    /**
     * Our outgoing call is being forwarded: a {@code 181} with {@code Call-Info: <URI>;purpose=forwarding} arrived
     * (a PBX forwarding service); {@code target} is that URI. Comes once per forwarding hop.
     */
    record Forwarded(String callId, String target) implements PhoneEvent {
    }

    /** The remote side is alerting (180 or 183 received for our INVITE). Published once per call. */
    record Ringing(String callId) implements PhoneEvent {
    }

    /** The call is established and media runs. {@code codec} is the SDP encoding name, e.g. {@code PCMU}. */
    record Answered(String callId, String codec, boolean srtp) implements PhoneEvent {
    }

    /** The remote side put the call on hold ({@code onHold}) or resumed it. */
    record HoldChanged(String callId, boolean onHold) implements PhoneEvent {
    }

    /**
     * Our own {@link PhoneEngine#hold} / {@link PhoneEngine#resume} took effect: the peer accepted the re-INVITE.
     * While {@code held}, we send no audio and play none.
     */
    record LocalHoldChanged(String callId, boolean held) implements PhoneEvent {
    }

    /**
     * Our hold or resume request was refused ({@code status} of the re-INVITE's final response, 408 on timeout); the
     * call stays as it was. {@code hold} tells which of the two was asked for.
     */
    record HoldFailed(String callId, boolean hold, int status, String reason) implements PhoneEvent {
    }

    /**
     * Progress of our blind transfer of {@code callId} (REFER, RFC 3515): the REFER's response, then each NOTIFY's
     * sipfrag status of the transferee's new call. {@code finished} is set with the last one; on a 2xx the
     * original call is then hung up (it ends with {@link EndReason#TRANSFERRED}).
     */
    record TransferProgress(String callId, int status, String reason, boolean finished) implements PhoneEvent {
    }

    /**
     * The peer of {@code callId} transferred us (REFER): the engine placed {@code newCallId} to {@code target}; its
     * events follow as for any outgoing call. The original call ends when the transferor hangs up.
     */
    record Referred(String callId, String newCallId, String target) implements PhoneEvent {
    }

    /**
     * An INVITE with Replaces (RFC 3891; the far end of an attended transfer) took the place of {@code oldCallId}:
     * the new call {@code newCallId} from {@code fromUri} is answered without ringing and its events follow; the old
     * call ends with {@link EndReason#REPLACED}. Published before both.
     */
    record Replaced(String oldCallId, String newCallId, String fromUri) implements PhoneEvent {
    }

    /** An instant message (SIP MESSAGE, RFC 3428) arrived, in or outside a call. */
    record MessageReceived(String fromUri, String text) implements PhoneEvent {
    }

    /**
     * The outcome of {@link PhoneEngine#sendMessage}: the final status (200 delivered, 202 stored by the server for
     * an offline extension, 4xx-6xx refused, 408 no answer).
     */
    record MessageResult(String messageId, int status, String reason) implements PhoneEvent {
    }

    /**
     * A watched extension's state changed (BLF: SUBSCRIBE to its {@code dialog} events, RFC 4235), or is first known.
     * {@link BlfState#UNKNOWN} when the subscription failed or ended.
     */
    record ExtensionState(String extension, BlfState state) implements PhoneEvent {
    }

    /**
     * Message-waiting indication (RFC 3842) for our account, from our subscription to {@code message-summary} or an
     * unsolicited NOTIFY from the account's server. Counts are voice messages, -1 when the server gave none.
     */
    record MessageWaiting(boolean waiting, int newMessages, int oldMessages, String account) implements PhoneEvent {
    }

    /**
     * A subscription ({@code event} package {@code dialog} or {@code message-summary}) to {@code target} was refused
     * or could not be kept: the SUBSCRIBE's final status. The engine retries later unless the refusal is final
     * (403, 404, 489).
     */
    record SubscriptionFailed(String event, String target, int status, String reason) implements PhoneEvent {
    }

    /** A DTMF digit was received (RFC 4733 event or SIP INFO). Published on a media or engine thread. */
    record DtmfReceived(String callId, char digit) implements PhoneEvent {
    }

    /**
     * Our outgoing call was not established: a final 3xx-6xx response, a timeout (408), a media negotiation failure
     * (488) or a local error. The call is over; no {@link CallEnded} follows.
     */
    record CallFailed(String callId, int status, String reason) implements PhoneEvent {
    }

    /** A call ended after {@link Answered} or, for an incoming call, before it was answered. */
    record CallEnded(String callId, EndReason reason) implements PhoneEvent {
    }

    /** Why a call ended; {@link #word()} is the token printed on the {@code ended} state line. */
    enum EndReason {
        LOCAL_HANGUP("local-hangup"),
        REMOTE_HANGUP("remote-hangup"),
        /** The caller cancelled an incoming call before it was answered. */
        CANCELLED("cancelled"),
        /** We rejected an incoming call (no auto-answer, or no acceptable media). */
        REJECTED("rejected"),
        /** We transferred the call (blind transfer accepted by the target). */
        TRANSFERRED("transferred"),
        /** An INVITE with Replaces took this call's place (the other side completed an attended transfer). */
        REPLACED("replaced"),
        ERROR("error");

        private final String word;

        EndReason(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }
}
