package org.minisip.phone.engine;

import java.text.ParseException;
import java.util.Locale;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.phone.engine.PhoneEvent.EndReason;
import org.minisip.sdp.OfferAnswer;
import org.minisip.sdp.SessionDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call (one INVITE dialog, RFC 3261 §12-15) and its media. Subclasses handle the setup of outgoing and incoming
 * calls; this class handles what both share once the dialog exists: BYE either way, re-INVITE and UPDATE offers
 * (hold and resume, RFC 3264 §8.4), INFO/MESSAGE inside the dialog, DTMF, and the single final event of the call.
 *
 * <p>Engine thread only. Every call ends with exactly one {@link PhoneEvent.CallEnded} or
 * {@link PhoneEvent.CallFailed}, after which the engine forgets it.
 */
abstract class CallSession {
    private static final Logger LOG = LoggerFactory.getLogger(CallSession.class);

    protected final CallContext ctx;
    protected final String callId;
    protected Dialog dialog;
    protected CallMedia media;
    protected boolean answered;
    protected boolean terminated;
    /** Our offer in a 2xx to an INVITE that had no SDP; its answer comes in the ACK. */
    protected SessionDescription pendingOffer;
    private boolean onHold;
    private HoldControl holdControl;
    private DtmfInfoSender dtmfInfo;
    private TransferControl transferControl;

    CallSession(CallContext ctx, String callId) {
        this.ctx = ctx;
        this.callId = callId;
    }

    /** Blind transfer of this established call to {@code targetUri} (REFER); ignored before answer. */
    void transfer(String targetUri) {
        if (!answered || terminated || dialog == null) {
            LOG.debug("call {}: transfer ignored, call not established", callId);
            return;
        }
        transfers().refer(targetUri);
    }

    /** Attended transfer of this established call to the peer of established call {@code consult}. */
    void transferReplacing(CallSession consult) {
        if (!answered || terminated || dialog == null) {
            LOG.debug("call {}: transfer ignored, call not established", callId);
            return;
        }
        if (!consult.answered || consult.terminated || consult.dialog == null) {
            ctx.events().accept(new PhoneEvent.TransferProgress(callId, 481, "Consultation call not established",
                    true));
            return;
        }
        transfers().referReplacing(consult);
    }

    /** The dialog of this call, or null before one exists. */
    Dialog dialog() {
        return dialog;
    }

    boolean isAnswered() {
        return answered;
    }

    /**
     * The call was replaced by an INVITE with Replaces (RFC 3891 §3): BYE on this dialog, media closed, ended with
     * {@link EndReason#REPLACED}.
     */
    void replaced() {
        if (terminated) {
            return;
        }
        sendBye();
        endCall(EndReason.REPLACED);
    }

    private TransferControl transfers() {
        if (transferControl == null) {
            transferControl = new TransferControl(this);
        }
        return transferControl;
    }

    /** Media counters, or null before media was opened. */
    org.minisip.media.MediaStats mediaStats() {
        return media == null ? null : media.stats();
    }

    /** Whether we generated this dialog's Call-ID (we placed the call): decides the 491 back-off range. */
    abstract boolean ownsCallId();

    /** Puts the established call on hold or resumes it (re-INVITE); ignored before answer and after the end. */
    void setHold(boolean hold) {
        if (!answered || terminated || media == null || dialog == null) {
            LOG.debug("call {}: hold/resume ignored, call not established", callId);
            return;
        }
        if (holdControl == null) {
            holdControl = new HoldControl(this, ownsCallId());
        }
        holdControl.request(hold);
    }

    String callId() {
        return callId;
    }

    boolean isTerminated() {
        return terminated;
    }

    /** Local hang-up: BYE when established, otherwise CANCEL (outgoing) or reject (incoming). */
    abstract void hangup();

    /**
     * Sends digits as the account's {@link DtmfMode} says (RFC 4733, or SIP INFO; RFC 4733 falls back to INFO when the
     * peer negotiated no telephone-event); ignored before answer.
     */
    void sendDtmf(String digits) {
        if (!answered || media == null || terminated) {
            LOG.debug("call {}: DTMF ignored, call not established", callId);
            return;
        }
        boolean rtpEvents = ctx.config().dtmfMode() == DtmfMode.RFC4733 && media.current() != null
                && media.current().telephoneEventPt() >= 0;
        if (rtpEvents) {
            media.sendDtmf(digits);
        } else {
            if (dtmfInfo == null) {
                dtmfInfo = new DtmfInfoSender(this);
            }
            dtmfInfo.send(digits);
        }
    }

    /** A request inside this call's dialog (or a CANCEL/ACK matched by Call-ID). */
    void onRequest(RequestEvent ev) {
        Request req = ev.getRequest();
        switch (req.getMethod()) {
            case Request.ACK -> onAck(req);
            case Request.BYE -> {
                respond(ev, Response.OK);
                endCall(EndReason.REMOTE_HANGUP);
            }
            case Request.INVITE, Request.UPDATE -> onReOffer(ev);
            case Request.INFO -> {
                dtmfFromInfo(req);
                respond(ev, Response.OK);
            }
            case Request.REFER -> transfers().onRefer(ev);
            case Request.NOTIFY -> {
                if (SipSupport.headerValueOrEmpty(req, "Event").toLowerCase(Locale.ROOT).startsWith("refer")) {
                    transfers().onNotify(ev);
                } else {
                    respond(ev, Response.OK);
                }
            }
            case Request.MESSAGE -> {
                respond(ev, Response.OK);
                MessageText.of(req).ifPresent(text -> ctx.events().accept(new PhoneEvent.MessageReceived(
                        MessageText.from(req), text)));
            }
            case Request.OPTIONS -> respond(ev, Response.OK);
            default -> respond(ev, Response.NOT_IMPLEMENTED);
        }
    }

    /** A response that matched no client transaction: a retransmitted 2xx to INVITE must be ACKed again. */
    void onStrayResponse(ResponseEvent ev) {
        Response r = ev.getResponse();
        Dialog d = ev.getDialog() != null ? ev.getDialog() : dialog;
        if (r.getStatusCode() / 100 == 2 && d != null
                && Request.INVITE.equals(((javax.sip.header.CSeqHeader) r.getHeader("CSeq")).getMethod())) {
            ack(d, r);
        }
    }

    protected void onAck(Request ack) {
        if (pendingOffer != null && ack.getRawContent() != null && media != null) {
            try {
                SessionDescription answer = SessionDescription.parse(new String(ack.getRawContent(),
                        java.nio.charset.StandardCharsets.UTF_8));
                media.acceptAnswer(pendingOffer, answer);
                pendingOffer = null;
                mediaStarted();
            } catch (Exception e) {
                LOG.warn("unusable SDP answer in ACK: {}", e.getMessage());
                sendBye();
                fail(488, "Not Acceptable Here");
            }
        }
    }

    /** Publishes Answered once media runs for the first time. */
    protected void mediaStarted() {
        if (!answered && media != null && media.current() != null) {
            answered = true;
            var n = media.current();
            onHold = n.onHold();
            ctx.events().accept(new PhoneEvent.Answered(callId, n.codec().encodingName().toUpperCase(Locale.ROOT),
                    n.srtp()));
        }
    }

    private void onReOffer(RequestEvent ev) {
        Request req = ev.getRequest();
        ServerTransaction st = serverTransaction(ev);
        if (st == null || media == null) {
            return;
        }
        if (holdControl != null && holdControl.inFlight() && Request.INVITE.equals(req.getMethod())) {
            try { // glare with our own re-INVITE (RFC 3261 §14.2)
                st.sendResponse(ctx.sip().messages().createResponse(Response.REQUEST_PENDING, req));
            } catch (Exception e) {
                LOG.warn("cannot send 491: {}", e.toString());
            }
            return;
        }
        try {
            Response resp;
            if (req.getRawContent() == null || req.getRawContent().length == 0) {
                if (Request.UPDATE.equals(req.getMethod())) {
                    resp = ctx.sip().messages().createResponse(Response.OK, req);
                } else {
                    pendingOffer = media.offer();
                    resp = withSdp(ctx.sip().messages().createResponse(Response.OK, req), pendingOffer);
                }
            } else {
                SessionDescription offer = SessionDescription.parse(new String(req.getRawContent(),
                        java.nio.charset.StandardCharsets.UTF_8));
                OfferAnswer.Answer a = media.answer(offer);
                if (a instanceof OfferAnswer.Answer.Accepted acc) {
                    resp = withSdp(ctx.sip().messages().createResponse(Response.OK, req), acc.sdp());
                    if (acc.result().onHold() != onHold) {
                        onHold = acc.result().onHold();
                        ctx.events().accept(new PhoneEvent.HoldChanged(callId, onHold));
                    }
                } else {
                    OfferAnswer.Answer.Rejected rej = (OfferAnswer.Answer.Rejected) a;
                    resp = ctx.sip().messages().createResponse(rej.sipStatus(), req);
                    resp.setReasonPhrase(rej.reason());
                }
            }
            resp.addHeader(ctx.sip().contact());
            st.sendResponse(resp);
        } catch (Exception e) {
            LOG.warn("cannot answer re-offer: {}", e.toString());
            respond(ev, Response.NOT_ACCEPTABLE_HERE);
        }
    }

    /**
     * A DTMF digit in an INFO: {@code application/dtmf-relay} ({@code Signal=5}) or {@code application/dtmf} (the
     * digit alone). Other INFO bodies are accepted and ignored.
     */
    private void dtmfFromInfo(Request req) {
        Object ct = req.getHeader("Content-Type");
        byte[] raw = req.getRawContent();
        if (ct == null || raw == null) {
            return;
        }
        String type = SipSupport.headerValue((javax.sip.header.Header) ct).toLowerCase(Locale.ROOT);
        String body = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        String signal = null;
        if (type.startsWith("application/dtmf-relay")) {
            for (String line : body.split("\\r?\\n")) {
                String[] kv = line.split("=", 2);
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("Signal")) {
                    signal = kv[1].trim();
                }
            }
        } else if (type.startsWith("application/dtmf")) {
            signal = body.trim();
        }
        if (signal != null && signal.length() == 1 && "0123456789*#ABCDabcd".indexOf(signal.charAt(0)) >= 0) {
            ctx.events().accept(new PhoneEvent.DtmfReceived(callId, Character.toUpperCase(signal.charAt(0))));
        } else if (signal != null) {
            LOG.debug("call {}: INFO with unusable DTMF signal '{}'", callId, signal);
        }
    }

    /** DTMF callback for the media session: runs on a media thread and only publishes. */
    protected void dtmfReceived(char digit) {
        ctx.events().accept(new PhoneEvent.DtmfReceived(callId, digit));
    }

    protected Response withSdp(Response r, SessionDescription sdp) throws ParseException {
        r.setContent(sdp.format(), ctx.sip().headers().createContentTypeHeader("application", "sdp"));
        return r;
    }

    /** Sends BYE in the dialog; a 401/407 to it is answered once. */
    protected void sendBye() {
        if (dialog == null) {
            return;
        }
        try {
            sendInDialog(dialog.createRequest(Request.BYE), new ByeHandler());
        } catch (SipException e) {
            LOG.warn("cannot send BYE: {}", e.getMessage());
        }
    }

    void sendInDialog(Request req, ResponseHandler handler) throws SipException {
        ClientTransaction ct = ctx.sip().endpoint().provider().getNewClientTransaction(req);
        ct.setApplicationData(handler);
        dialog.sendRequest(ct);
    }

    protected static void ack(Dialog d, Response r) {
        try {
            long seq = ((javax.sip.header.CSeqHeader) r.getHeader("CSeq")).getSeqNumber();
            d.sendAck(d.createAck(seq));
        } catch (Exception e) {
            LOG.warn("cannot ACK: {}", e.toString());
        }
    }

    /** The server transaction of a request, created when JAIN-SIP did not; null for a retransmission. */
    protected ServerTransaction serverTransaction(RequestEvent ev) {
        ServerTransaction st = ev.getServerTransaction();
        if (st != null) {
            return st;
        }
        try {
            return ctx.sip().endpoint().provider().getNewServerTransaction(ev.getRequest());
        } catch (TransactionAlreadyExistsException e) {
            return null;
        } catch (Exception e) {
            LOG.warn("no server transaction for {}: {}", ev.getRequest().getMethod(), e.toString());
            return null;
        }
    }

    /** Sends a bodiless response; errors are logged (the peer will retransmit or time out). */
    protected void respond(RequestEvent ev, int status) {
        if (Request.ACK.equals(ev.getRequest().getMethod())) {
            return;
        }
        ServerTransaction st = serverTransaction(ev);
        if (st == null) {
            return;
        }
        try {
            Response r = ctx.sip().messages().createResponse(status, ev.getRequest());
            if (status == Response.OK && Request.OPTIONS.equals(ev.getRequest().getMethod())) {
                ctx.sip().addAllow(r);
            }
            st.sendResponse(r);
        } catch (Exception e) {
            LOG.warn("cannot send {} to {}: {}", status, ev.getRequest().getMethod(), e.toString());
        }
    }

    protected void setToTag(Response r, String tag) throws ParseException {
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
            to.setTag(tag);
        }
    }

    /** Ends an established (or incoming, unanswered) call: closes media, publishes CallEnded once. */
    protected void endCall(EndReason reason) {
        if (terminate()) {
            ctx.events().accept(new PhoneEvent.CallEnded(callId, reason));
        }
    }

    /** Ends a call that never got established: closes media, publishes CallFailed once. */
    protected void fail(int status, String reason) {
        if (terminate()) {
            ctx.events().accept(new PhoneEvent.CallFailed(callId, status, reason));
        }
    }

    private boolean terminate() {
        if (terminated) {
            return false;
        }
        terminated = true;
        if (media != null) {
            try {
                media.close();
            } catch (RuntimeException e) {
                LOG.warn("closing media: {}", e.toString());
            }
        }
        ctx.onTerminated().accept(this);
        return true;
    }

    /** Responses to our BYE: answers one challenge, otherwise nothing to do (the call is already over for us). */
    private final class ByeHandler implements ResponseHandler {
        private boolean retried;

        @Override
        public void onResponse(ResponseEvent event) {
            Response r = event.getResponse();
            if (SipSupport.isChallenge(r) && !retried && dialog != null) {
                retried = true;
                try {
                    Request bye = dialog.createRequest(Request.BYE);
                    ctx.sip().addAuthorization(bye, r);
                    sendInDialog(bye, this);
                } catch (Exception e) {
                    LOG.warn("cannot answer BYE challenge: {}", e.toString());
                }
            }
        }

        @Override
        public void onTimeout() {
            LOG.debug("BYE timed out for {}", callId);
        }

        @Override
        public void onTransportError(String message) {
            LOG.debug("BYE not sent for {}: {}", callId, message);
        }
    }
}
