package org.minisip.phone.engine;

import java.nio.charset.StandardCharsets;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.phone.engine.PhoneEvent.EndReason;
import org.minisip.sdp.SessionDescription;
import org.minisip.sdp.SrtpMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call we place (RFC 3261 §13.2): INVITE with an SDP offer, digest answers to 401/407, {@code ringing} on 180/183,
 * ACK and media on 2xx, CANCEL when hung up before the answer (sent as soon as a provisional response allows).
 * With SRTP mandatory, a 488 or an answer without crypto fails the call as {@code 488 SRTP required}.
 */
final class OutgoingCall extends CallSession implements ResponseHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OutgoingCall.class);

    private Request invite;
    private ClientTransaction inviteTx;
    private SessionDescription offer;
    private boolean provisional;
    private boolean ringingPublished;
    private boolean cancelRequested;
    private boolean cancelSent;
    private int challenges;
    private Progress progress;
    /** Sent as the INVITE's Replaces header (attended transfer, RFC 3891), or null. */
    private org.minisip.sip.dialog.Replaces replaces;

    /** Follows a call placed for a REFER, to report it back to the transferor in NOTIFYs (RFC 3515 §2.4.5). */
    interface Progress {
        /** A provisional (1xx) or final response status of this call's INVITE, or 487/500 for local failures. */
        void status(int code, String reason);
    }

    OutgoingCall(CallContext ctx, String callId) {
        super(ctx, callId);
    }

    void setProgress(Progress p) {
        this.progress = p;
    }

    void setReplaces(org.minisip.sip.dialog.Replaces r) {
        this.replaces = r;
    }

    private void report(int code, String reason) {
        if (progress != null) {
            Progress p = progress;
            if (code >= 200) {
                progress = null;
            }
            p.status(code, reason);
        }
    }

    @Override
    protected void fail(int status, String reason) {
        report(status, reason);
        super.fail(status, reason);
    }

    /** Opens media and sends the INVITE; failures are published as CallFailed. */
    void start(URI target, Address from, Address to) {
        try {
            media = ctx.openMedia(this::dtmfReceived);
            offer = media.offer();
            invite = ctx.sip().newRequest(Request.INVITE, target, from, ctx.sip().newTag(), to, callId, 1);
            ctx.sip().addAllow(invite);
            if (replaces != null) {
                invite.addHeader(ctx.sip().headers().createHeader(org.minisip.sip.dialog.Replaces.NAME,
                        replaces.format()));
            }
            invite.setContent(offer.format(), ctx.sip().headers().createContentTypeHeader("application", "sdp"));
            send();
        } catch (Exception e) {
            LOG.warn("cannot start call to {}: {}", target, e.toString());
            fail(500, "Internal Error");
        }
    }

    private void send() {
        inviteTx = ctx.sip().send(invite, this);
        if (inviteTx != null) {
            dialog = inviteTx.getDialog();
        }
    }

    @Override
    boolean ownsCallId() {
        return true;
    }

    @Override
    void hangup() {
        if (terminated) {
            return;
        }
        if (answered) {
            sendBye();
            endCall(EndReason.LOCAL_HANGUP);
            return;
        }
        cancelRequested = true;
        if (provisional) {
            sendCancel();
        }
        // otherwise CANCEL goes out with the first provisional response (RFC 3261 §9.1)
    }

    private void sendCancel() {
        if (cancelSent || inviteTx == null) {
            return;
        }
        cancelSent = true;
        try {
            Request cancel = inviteTx.createCancel();
            ClientTransaction ct = ctx.sip().endpoint().provider().getNewClientTransaction(cancel);
            ct.sendRequest();
        } catch (Exception e) {
            LOG.warn("cannot send CANCEL: {}", e.toString());
            fail(487, "Request Terminated");
        }
    }

    @Override
    public void onResponse(ResponseEvent event) {
        if (event.getClientTransaction() != inviteTx) {
            onStrayResponse(event);
            return;
        }
        Response r = event.getResponse();
        int status = r.getStatusCode();
        if (status < 200) {
            onProvisional(status);
            if (status == Response.CALL_IS_BEING_FORWARDED && !terminated) {
                publishForwarding(r);
            }
        } else if (status < 300) {
            onSuccess(event, r);
        } else if (terminated) {
            return;
        } else if (SipSupport.isChallenge(r) && !cancelRequested
                && (challenges == 0 || (challenges < 3 && SipSupport.isStale(r)))) {
            challenges++;
            try {
                invite = ctx.sip().authorized(invite, r);
                send();
            } catch (Exception e) {
                LOG.warn("cannot answer INVITE challenge: {}", e.toString());
                fail(status, SipSupport.reason(r));
            }
        } else if (status == Response.NOT_ACCEPTABLE_HERE && ctx.config().srtp() == SrtpMode.MANDATORY) {
            fail(488, "SRTP required");
        } else {
            fail(status, SipSupport.reason(r));
        }
    }

    private void onProvisional(int status) {
        if (status > 100 && !terminated) {
            report(status, status == Response.RINGING ? "Ringing" : "Session Progress");
        }
        if (status > 100 || cancelRequested) {
            provisional = true;
        }
        if ((status == Response.RINGING || status == Response.SESSION_PROGRESS) && !ringingPublished && !terminated) {
            ringingPublished = true;
            ctx.events().accept(new PhoneEvent.Ringing(callId));
        }
        if (cancelRequested) {
            sendCancel();
        }
    }

    /** A 181's {@code Call-Info: <URI>;purpose=forwarding} becomes a {@link PhoneEvent.Forwarded}. */
    private void publishForwarding(Response r) {
        java.util.ListIterator<?> it = r.getHeaders(javax.sip.header.CallInfoHeader.NAME);
        while (it != null && it.hasNext()) {
            if (it.next() instanceof javax.sip.header.CallInfoHeader ci && ci.getInfo() != null
                    && "forwarding".equalsIgnoreCase(ci.getPurpose())) {
                ctx.events().accept(new PhoneEvent.Forwarded(callId, ci.getInfo().toString()));
                return;
            }
        }
    }

    private void onSuccess(ResponseEvent event, Response r) {
        if (event.getDialog() != null) {
            dialog = event.getDialog();
        }
        ack(dialog, r);
        if (terminated || cancelRequested) {
            sendBye();
            fail(487, "Request Terminated");
            return;
        }
        if (answered) {
            return;
        }
        byte[] body = r.getRawContent();
        try {
            if (body == null || body.length == 0) {
                throw new IllegalStateException("2xx without SDP answer");
            }
            media.acceptAnswer(offer, SessionDescription.parse(new String(body, StandardCharsets.UTF_8)));
            mediaStarted();
            report(Response.OK, "OK");
        } catch (Exception e) {
            LOG.warn("unusable SDP answer: {}", e.getMessage());
            sendBye();
            String why = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            boolean srtpRefused = ctx.config().srtp() == SrtpMode.MANDATORY
                    && (why.contains("srtp") || why.contains("crypto") || why.contains("savp"));
            fail(488, srtpRefused ? "SRTP required" : "Not Acceptable Here");
        }
    }

    @Override
    public void onTimeout() {
        if (!answered) {
            fail(cancelRequested ? 487 : 408, cancelRequested ? "Request Terminated" : "Request Timeout");
        }
    }

    @Override
    public void onTransportError(String message) {
        LOG.warn("INVITE not sent: {}", message);
        fail(503, "Service Unavailable");
    }
}
