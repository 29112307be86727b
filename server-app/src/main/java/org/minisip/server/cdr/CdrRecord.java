package org.minisip.server.cdr;

import java.time.Instant;

/**
 * One call attempt as written to {@code cdr/YYYY-MM-DD.csv}.
 *
 * @param answer      null when the call was never answered
 * @param disposition ANSWERED, NO ANSWER, BUSY, CANCELLED or FAILED
 * @param releasedBy  where the call was released: caller, callee or server
 * @param cause       Q.850 cause: from a Reason header when present, else the server's own mapping
 * @param detail      what PBX services did, {@code key=value} pairs separated by {@code ;} (empty when none):
 *                    {@code dialled=}, {@code forward=FROM>TO:REASON}, {@code group=}, {@code member=},
 *                    {@code room=}, {@code recording=PATH}, {@code forward-loop=}, {@code forward-hops-exceeded=}
 */
public record CdrRecord(String callId, Instant start, Instant answer, Instant end, String caller, String callee,
                        String disposition, int sipStatus, String releasedBy, int cause, String detail) {

    public CdrRecord(String callId, Instant start, Instant answer, Instant end, String caller, String callee,
                     String disposition, int sipStatus, String releasedBy, int cause) {
        this(callId, start, answer, end, caller, callee, disposition, sipStatus, releasedBy, cause, "");
    }

    /** Seconds of conversation (answer to end), 0 when unanswered. */
    public long durationSeconds() {
        return answer == null ? 0 : Math.max(0, end.getEpochSecond() - answer.getEpochSecond());
    }

    /** The FCI column: {@code callTag=<releasedBy>;cause=<cause>}. */
    public String fci() {
        return "callTag=" + releasedBy + ";cause=" + cause;
    }
}
