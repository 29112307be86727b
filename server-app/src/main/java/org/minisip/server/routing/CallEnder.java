package org.minisip.server.routing;

import java.time.Clock;
import java.time.Instant;
import org.minisip.server.cdr.CdrRecord;
import org.minisip.server.cdr.CdrWriter;
import org.minisip.server.media.MediaServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns finished calls into CDR rows (one per call attempt). Called with the call's monitor held. */
public final class CallEnder {
    private static final Logger LOG = LoggerFactory.getLogger(CallEnder.class);
    private final CdrWriter cdr;
    private final Clock clock;
    private final ActiveCalls active = new ActiveCalls();
    private final MediaServices media;
    private final CallStateListener states;

    public CallEnder(CdrWriter cdr, Clock clock, MediaServices media) {
        this(cdr, clock, media, CallStateListener.NONE);
    }

    /** {@code states} hears when calls ring, are answered and end (presence / BLF). */
    public CallEnder(CdrWriter cdr, Clock clock, MediaServices media, CallStateListener states) {
        this.cdr = cdr;
        this.clock = clock;
        this.media = media;
        this.states = states;
    }

    /** A ring stage of the call alerts {@code call.callee}. */
    void ringing(Call call) {
        states.ringing(call.id, call.caller, call.callee);
    }

    ActiveCalls active() {
        return active;
    }

    /** The call was answered: both parties count as busy until {@link #ended}. */
    void answered(Call call) {
        active.started(call.caller);
        active.started(call.callee);
        states.answered(call.id, call.caller, call.callee);
    }

    void ended(Call call, int status, String releasedBy, int cause) {
        Instant end = clock.instant();
        states.ended(call.id);
        if (call.answerTime != null) {
            active.ended(call.caller);
            active.ended(call.callee);
        }
        if (call.anchor != null) {
            media.release(call.anchor);
        }
        if (call.conference != null) {
            media.release(call.conference);
        }
        String disposition = call.answerTime != null ? "ANSWERED" : switch (status) {
            case 486, 600 -> "BUSY";
            case 487 -> "CANCELLED";
            case 408, 480 -> "NO ANSWER";
            default -> "FAILED";
        };
        CdrRecord r = new CdrRecord(call.id, call.start, call.answerTime, end, call.caller, call.callee, disposition,
                status, releasedBy, cause, detail(call));
        LOG.info("call {} ended: {} {} released by {} cause {}", call.id, disposition, status, releasedBy, cause);
        cdr.write(r);
    }

    /** The CDR detail column: dialled number when it differs, then what services did, ';'-separated. */
    static String detail(Call call) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (!call.dialled.equals(call.callee)) {
            parts.add("dialled=" + call.dialled);
        }
        parts.addAll(call.notes);
        return String.join(";", parts);
    }

    /** A call refused before any leg was tried (unknown number, not registered). */
    void cdrForRejected(String callId, Instant start, String caller, String callee, int status) {
        cdr.write(new CdrRecord(callId, start, null, clock.instant(), caller, callee,
                status == 480 ? "NO ANSWER" : "FAILED", status, "server",
                org.minisip.server.cdr.Q850.fromSipStatus(status)));
    }
}
