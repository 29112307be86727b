package org.minisip.server.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * State of one B2BUA call: the inbound leg (caller → server) and one outbound leg per registered contact of the
 * callee (parallel forking). Every access is made while holding the call's monitor; JAIN-SIP may deliver events
 * of one call on several threads.
 */
final class Call {
    enum State { PROCEEDING, EARLY, CONFIRMED, ENDED }

    final String id;
    final String caller;
    final String callee;
    final Instant start;
    final ServerTransaction inviteTx;
    final Request inboundInvite;
    final String inboundToTag;
    final boolean lateOffer;
    final List<OutLeg> legs = new ArrayList<>();
    State state = State.PROCEEDING;
    Dialog inboundDialog;
    OutLeg answered;
    Instant answerTime;
    ScheduledFuture<?> noAnswerTimer;
    Response bestFailure;
    /** The callee's 200, kept to ACK it with the caller's SDP when the caller made a late offer. */
    Response pendingAnswer;

    Call(String id, String caller, String callee, Instant start, ServerTransaction inviteTx, Request invite,
         String inboundToTag, boolean lateOffer) {
        this.id = id;
        this.caller = caller;
        this.callee = callee;
        this.start = start;
        this.inviteTx = inviteTx;
        this.inboundInvite = invite;
        this.inboundToTag = inboundToTag;
        this.lateOffer = lateOffer;
    }

    boolean allLegsFinished() {
        return legs.stream().allMatch(l -> l.finished);
    }

    /**
     * The dialog on the other side of {@code from}: the answered leg's for the caller's, the caller's for the
     * answered leg's; null for anything else (a losing fork must never reach the caller).
     */
    Dialog peerOf(Dialog from) {
        if (from == inboundDialog) {
            return answered == null ? null : answered.dialog;
        }
        return answered != null && from == answered.dialog ? inboundDialog : null;
    }

    /** Which side a dialog belongs to, for CDR "released by". */
    String sideOf(Dialog d) {
        return d == inboundDialog ? "caller" : "callee";
    }
}
