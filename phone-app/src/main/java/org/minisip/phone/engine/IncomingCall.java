package org.minisip.phone.engine;

import java.nio.charset.StandardCharsets;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.phone.engine.PhoneEvent.EndReason;
import org.minisip.sdp.OfferAnswer;
import org.minisip.sdp.SdpParseException;
import org.minisip.sdp.SessionDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call we receive (RFC 3261 §13.3): 180 Ringing at once, then {@link #answer()} (200 with the SDP answer, or
 * 488 when no offered media is acceptable, e.g. SRTP mandatory and no crypto offered), {@link #reject}, or a
 * CANCEL from the caller (200 to it, 487 to the INVITE). An INVITE without SDP gets our offer in the 200 and the
 * answer is taken from the ACK.
 */
final class IncomingCall extends CallSession {
    private static final Logger LOG = LoggerFactory.getLogger(IncomingCall.class);

    private final String toTag;
    private ServerTransaction inviteTx;
    private Request invite;
    private SessionDescription remoteOffer;
    private boolean finalSent;

    IncomingCall(CallContext ctx, String callId) {
        super(ctx, callId);
        this.toTag = ctx.sip().newTag();
    }

    /**
     * Takes the INVITE: 400 for unparsable SDP, otherwise 180 Ringing and an {@link PhoneEvent.IncomingCall}.
     *
     * @return false when the INVITE was a retransmission or rejected at once
     */
    boolean start(RequestEvent ev) {
        return start(ev, true);
    }

    /**
     * As {@link #start(RequestEvent)}; with {@code announce} false (a call replacing another, RFC 3891) neither
     * 180 nor {@link PhoneEvent.IncomingCall} is sent: the caller answers it at once.
     */
    boolean start(RequestEvent ev, boolean announce) {
        inviteTx = serverTransaction(ev);
        if (inviteTx == null) {
            return false;
        }
        invite = ev.getRequest();
        dialog = inviteTx.getDialog();
        byte[] body = invite.getRawContent();
        if (body != null && body.length > 0) {
            try {
                remoteOffer = SessionDescription.parse(new String(body, StandardCharsets.UTF_8));
            } catch (SdpParseException e) {
                LOG.info("bad SDP in INVITE: {}", e.getMessage());
                finalResponse(Response.BAD_REQUEST, "Bad SDP", null);
                terminated = true;
                ctx.onTerminated().accept(this);
                return false;
            }
        }
        if (!announce) {
            return true;
        }
        sendProvisional(Response.RINGING);
        javax.sip.header.FromHeader fh = invite.getHeader("From") instanceof javax.sip.header.FromHeader f ? f : null;
        String from = fh != null ? fh.getAddress().getURI().toString() : "unknown";
        String name = fh != null ? fh.getAddress().getDisplayName() : null;
        ctx.events().accept(new PhoneEvent.IncomingCall(callId, from, name == null || name.isBlank() ? null : name));
        return true;
    }

    /** Answers: 200 with our SDP answer and media started, or 488 (published as CallFailed) on unusable media. */
    void answer() {
        if (terminated || finalSent) {
            return;
        }
        try {
            media = ctx.openMedia(this::dtmfReceived);
            if (remoteOffer == null) {
                pendingOffer = media.offer();
                finalResponse(Response.OK, null, pendingOffer);
                return; // Answered is published when the ACK brings the answer
            }
            OfferAnswer.Answer a = media.answer(remoteOffer);
            if (a instanceof OfferAnswer.Answer.Accepted acc) {
                if (!finalResponse(Response.OK, null, acc.sdp())) {
                    fail(500, "Internal Error");
                    return;
                }
                mediaStarted();
            } else {
                OfferAnswer.Answer.Rejected rej = (OfferAnswer.Answer.Rejected) a;
                finalResponse(rej.sipStatus(), rej.reason(), null);
                fail(rej.sipStatus(), rej.reason());
            }
        } catch (Exception e) {
            LOG.warn("cannot answer call {}: {}", callId, e.toString());
            finalResponse(Response.SERVER_INTERNAL_ERROR, null, null);
            fail(500, "Internal Error");
        }
    }

    /** Rejects an unanswered call with {@code status} (e.g. 486 Busy Here, 603 Decline). */
    void reject(int status) {
        if (terminated || finalSent) {
            return;
        }
        finalResponse(status, status == Response.BUSY_HERE ? "Busy Here" : null, null);
        endCall(EndReason.REJECTED);
    }

    /** The caller's CANCEL (matched by Call-ID): 200 to it and, if still unanswered, 487 to the INVITE. */
    void onCancel(RequestEvent ev) {
        respond(ev, Response.OK);
        if (!finalSent) {
            finalResponse(Response.REQUEST_TERMINATED, null, null);
            endCall(EndReason.CANCELLED);
        }
    }

    @Override
    boolean ownsCallId() {
        return false;
    }

    @Override
    void hangup() {
        if (terminated) {
            return;
        }
        if (finalSent) {
            sendBye();
            endCall(EndReason.LOCAL_HANGUP);
        } else {
            reject(Response.DECLINE);
        }
    }

    private void sendProvisional(int status) {
        try {
            Response r = ctx.sip().messages().createResponse(status, invite);
            setToTag(r, toTag);
            r.addHeader(ctx.sip().contact());
            inviteTx.sendResponse(r);
        } catch (Exception e) {
            LOG.warn("cannot send {}: {}", status, e.toString());
        }
    }

    /** Sends the final response to the INVITE; false (logged) when it could not be sent. */
    private boolean finalResponse(int status, String reason, SessionDescription sdp) {
        finalSent = true;
        try {
            Response r = ctx.sip().messages().createResponse(status, invite);
            if (reason != null) {
                r.setReasonPhrase(reason);
            }
            setToTag(r, toTag);
            if (status / 100 == 2) {
                r.addHeader(ctx.sip().contact());
                ctx.sip().addAllow(r);
            }
            if (sdp != null) {
                withSdp(r, sdp);
            }
            inviteTx.sendResponse(r);
            return true;
        } catch (Exception e) {
            LOG.warn("cannot send {} to INVITE: {}", status, e.toString());
            return false;
        }
    }
}
