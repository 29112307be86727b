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
    /** The number the caller dialled. */
    final String dialled;
    /** The extension being rung now; after forwarding or hunting, the one that finally answered or failed. */
    String callee;
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
    String callerDisplay;
    /** Ring stage: bumped each time the call moves on (forwarding hop, next hunt member); legs carry theirs. */
    int stage;
    int hops;
    /** Extensions this call already reached or passed through (forwarding loop detection). */
    final java.util.Set<String> visited = new java.util.LinkedHashSet<>();
    /** Diversion header values for the legs of the current stage (RFC 5806), oldest hop last. */
    final List<String> diversions = new ArrayList<>();
    /** What services did, for the CDR detail column (e.g. {@code forward=102>103:busy}). */
    final List<String> notes = new ArrayList<>();
    /** Target of a 3xx from the current stage, if any. */
    String redirectTo;
    /** Set while the call hunts through a group's members. */
    HuntRun hunt;
    /** Server-anchored media (recorded calls); null when media flows phone to phone. */
    CallAnchor anchor;
    /** Replaces header value for the leg of an attended transfer's INVITE (RFC 3891), translated; or null. */
    org.minisip.sip.dialog.Replaces replaces;
    /** Set when the call is a participant of a conference room (answered by the server itself). */
    ConferenceRooms.Participant conference;
    Call(String id, String caller, String callee, Instant start, ServerTransaction inviteTx, Request invite,
         String inboundToTag, boolean lateOffer) {
        this.id = id;
        this.caller = caller;
        this.dialled = callee;
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

    /** True when every leg of the current ring stage has a final outcome. */
    boolean stageFinished() {
        return legs.stream().filter(l -> l.stage == stage).allMatch(l -> l.finished);
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
