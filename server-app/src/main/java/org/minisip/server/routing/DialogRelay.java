package org.minisip.server.routing;

import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.ReasonHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.server.cdr.Q850;
import org.minisip.server.sip.InDialogHandler;
import org.minisip.server.sip.Responder;
import org.minisip.server.sip.SipContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-dialog traffic of established calls: BYE from either side ends both legs; re-INVITE (hold), REFER (blind
 * transfer, with Refer-To/Referred-By; a Replaces in the Refer-To is translated to the far leg, see
 * {@link Replacing}) and INFO, UPDATE, MESSAGE or NOTIFY with a body (DTMF, transfer progress)
 * are relayed to the other leg and their answers relayed back; INFO/UPDATE/MESSAGE without a body are session
 * keep-alives answered here with 200. Runs on SIP threads; never blocks.
 */
public final class DialogRelay {
    private static final Logger LOG = LoggerFactory.getLogger(DialogRelay.class);
    private final SipContext ctx;
    private final Responder responder;
    private final CallEnder ender;
    private final B2bua b2bua;

    public DialogRelay(SipContext ctx, Responder responder, CallEnder ender, B2bua b2bua) {
        this.ctx = ctx;
        this.responder = responder;
        this.ender = ender;
        this.b2bua = b2bua;
    }

    /** A relayed request waiting for the other leg's answer. */
    record Relay(Call call, ServerTransaction st, Request original) {
    }

    /** Any request inside a dialog except ACK and CANCEL. */
    public void onRequest(RequestEvent event, ServerTransaction st) {
        Request req = event.getRequest();
        Dialog dialog = event.getDialog();
        Call call = B2bua.callOf(dialog).orElse(null);
        if (call == null && dialog != null && dialog.getApplicationData() instanceof InDialogHandler h) {
            h.onRequest(event, st);
            return;
        }
        if (call == null) {
            responder.respond(st, req, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        String method = req.getMethod();
        Optional<String> replaces = method.equals(Request.REFER)
                ? Replacing.translatedReferTo(ctx.endpoint().provider(), req) : Optional.empty();
        synchronized (call) {
            if (call.conference != null && !method.equals(Request.OPTIONS)) {
                onConferenceRequest(call, st, req);
                return;
            }
            if (method.equals(Request.OPTIONS)) {
                responder.respond(st, req, Response.OK, r -> responder.addAllow(r));
                return;
            }
            if (method.equals(Request.BYE)) {
                onBye(call, dialog, st, req);
                return;
            }
            byte[] body = req.getRawContent();
            boolean keepAlive = !method.equals(Request.INVITE) && !method.equals(Request.REFER)
                    && (body == null || body.length == 0);
            if (keepAlive) {
                responder.respond(st, req, Response.OK, null);
                return;
            }
            if (call.anchor != null && (method.equals(Request.INVITE) || method.equals(Request.UPDATE))
                    && call.state == Call.State.CONFIRMED) {
                answerLocally(call, dialog, st, req);
                return;
            }
            Dialog peer = call.peerOf(dialog);
            if (peer == null || call.state != Call.State.CONFIRMED) {
                responder.respond(st, req, method.equals(Request.INVITE) ? Response.REQUEST_PENDING
                        : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
                return;
            }
            relay(call, peer, st, req, replaces);
        }
    }

    private void relay(Call call, Dialog peer, ServerTransaction st, Request req, Optional<String> replaces) {
        try {
            Request fwd = peer.createRequest(req.getMethod());
            OutboundRequests.copyBody(req, fwd);
            copyHeaders(req, fwd);
            if (replaces.isPresent()) {
                Replacing.setReferToReplaces(fwd, replaces.get());
            }
            ClientTransaction ct = ctx.endpoint().provider().getNewClientTransaction(fwd);
            ct.setApplicationData(new Relay(call, st, req));
            peer.sendRequest(ct);
        } catch (Exception e) {
            LOG.info("call {}: cannot relay {}: {}", call.id, req.getMethod(), e.toString());
            responder.respond(st, req, req.getMethod().equals(Request.INVITE) ? Response.REQUEST_PENDING
                    : Response.SERVER_INTERNAL_ERROR, null);
        }
    }

    /**
     * Headers a relayed request keeps: call transfer (REFER's Refer-To and Referred-By, RFC 3515/3892, and the
     * NOTIFYs' Event and Subscription-State of its implicit subscription).
     */
    private static final java.util.List<String> RELAYED_HEADERS =
            java.util.List.of("Refer-To", "Referred-By", "Event", "Subscription-State");

    private static void copyHeaders(Request from, Request to) {
        for (String name : RELAYED_HEADERS) {
            javax.sip.header.Header h = from.getHeader(name);
            if (h != null) {
                to.setHeader((javax.sip.header.Header) h.clone());
            }
        }
    }

    /**
     * In-dialog requests of a conference participant, all answered here: BYE leaves the room, INFO carries DTMF
     * (the PIN), INVITE/UPDATE with SDP re-negotiate the participant's leg, anything else (keep-alives, MESSAGE)
     * gets 200.
     */
    private void onConferenceRequest(Call call, ServerTransaction st, Request req) {
        String method = req.getMethod();
        byte[] body = req.getRawContent();
        boolean hasBody = body != null && body.length > 0;
        if (method.equals(Request.BYE)) {
            responder.respond(st, req, Response.OK, null);
            if (call.state != Call.State.ENDED) {
                call.state = Call.State.ENDED;
                int cause = Q850.fromReason(SipContext.headerValue(req, ReasonHeader.NAME));
                ender.ended(call, Response.OK, "caller", cause >= 0 ? cause : Q850.NORMAL_CLEARING);
            }
            return;
        }
        if ((method.equals(Request.INVITE) || method.equals(Request.UPDATE)) && hasBody) {
            try {
                org.minisip.sdp.OfferAnswer.Answer a = call.conference.leg.answer(org.minisip.sdp.SessionDescription
                        .parse(new String(body, java.nio.charset.StandardCharsets.UTF_8)));
                if (!(a instanceof org.minisip.sdp.OfferAnswer.Answer.Accepted acc)) {
                    responder.respond(st, req, Response.NOT_ACCEPTABLE_HERE, null);
                    return;
                }
                Response ok = responder.create(req, Response.OK, null);
                ok.setContent(acc.sdp().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        ctx.endpoint().headers().createContentTypeHeader("application", "sdp"));
                if (method.equals(Request.INVITE)) {
                    ok.addHeader(b2bua.contactTowards(req, B2bua.toUser(req)));
                }
                responder.send(st, ok);
            } catch (Exception e) {
                LOG.info("call {}: conference re-offer refused: {}", call.id, e.toString());
                responder.respond(st, req, Response.NOT_ACCEPTABLE_HERE, null);
            }
            return;
        }
        responder.respond(st, req, Response.OK, null);
        if (method.equals(Request.INFO) && hasBody) {
            String type = SipContext.headerValue(req, "Content-Type");
            b2bua.conferenceDigits(call, ConferenceRooms.infoDigits(type, body));
        }
    }

    /** Anchored media: the server's leg answers a re-offer (hold/resume) itself; the other side is untouched. */
    private void answerLocally(Call call, Dialog dialog, ServerTransaction st, Request req) {
        try {
            byte[] sdp = call.anchor.reanswer(dialog == call.inboundDialog, req.getRawContent());
            Response ok = responder.create(req, Response.OK, null);
            ok.setContent(sdp, ctx.endpoint().headers().createContentTypeHeader("application", "sdp"));
            if (req.getMethod().equals(Request.INVITE)) {
                ok.addHeader(b2bua.contactTowards(req, B2bua.toUser(req)));
            }
            responder.send(st, ok);
        } catch (Exception e) {
            LOG.info("call {}: re-offer refused: {}", call.id, e.toString());
            responder.respond(st, req, Response.NOT_ACCEPTABLE_HERE, null);
        }
    }

    /** Sends BYE on {@code d}; never throws. */
    static void bye(SipContext ctx, Dialog d) {
        try {
            Request bye = d.createRequest(Request.BYE);
            d.sendRequest(ctx.endpoint().provider().getNewClientTransaction(bye));
        } catch (Exception e) {
            LOG.info("BYE failed: {}", e.toString());
        }
    }

    /** The other leg answered a relayed request: answer the original the same way. */
    public void onRelayResponse(ResponseEvent event, Relay relay) {
        Response r = event.getResponse();
        int code = r.getStatusCode();
        if (code < 200) {
            return;
        }
        synchronized (relay.call()) {
            if (relay.original().getMethod().equals(Request.INVITE) && code < 300) {
                ack(event.getDialog(), r, null);
            }
            Response fwd = responder.create(relay.original(), code, null);
            try {
                fwd.setReasonPhrase(r.getReasonPhrase());
                OutboundRequests.copyBody(r, fwd);
                if (relay.original().getMethod().equals(Request.INVITE) && code < 300) {
                    fwd.addHeader(b2bua.contactTowards(relay.original(), B2bua.toUser(relay.original())));
                }
            } catch (Exception e) {
                LOG.debug("relay response: {}", e.toString());
            }
            responder.send(relay.st(), fwd);
        }
    }

    /** The relayed request timed out on the other leg. */
    public void onRelayTimeout(Relay relay) {
        synchronized (relay.call()) {
            responder.respond(relay.st(), relay.original(), Response.REQUEST_TIMEOUT, null);
        }
    }

    private void onBye(Call call, Dialog from, ServerTransaction st, Request bye) {
        responder.respond(st, bye, Response.OK, null);
        if (call.state == Call.State.ENDED) {
            return;
        }
        Dialog peer = call.peerOf(from);
        if (peer == null) {
            // BYE on a fork that never won, or before the call was answered: nothing to tear down here
            return;
        }
        String reason = SipContext.headerValue(bye, ReasonHeader.NAME);
        sendBye(peer, reason);
        call.state = Call.State.ENDED;
        int cause = Q850.fromReason(reason);
        ender.ended(call, Response.OK, call.sideOf(from), cause >= 0 ? cause : Q850.NORMAL_CLEARING);
    }

    /** ACK from the caller: completes a late-offer call by ACKing the callee with the caller's SDP answer. */
    public void onAck(RequestEvent event) {
        Call call = B2bua.callOf(event.getDialog()).orElse(null);
        if (call == null) {
            return;
        }
        synchronized (call) {
            if (call.lateOffer && call.pendingAnswer != null && call.answered != null
                    && event.getDialog() == call.inboundDialog) {
                ack(call.answered.dialog, call.pendingAnswer, event.getRequest());
                call.pendingAnswer = null;
            }
        }
    }

    private void sendBye(Dialog d, String reason) {
        try {
            Request bye = d.createRequest(Request.BYE);
            if (reason != null) {
                bye.addHeader(responder.header(ReasonHeader.NAME, reason));
            }
            ClientTransaction ct = ctx.endpoint().provider().getNewClientTransaction(bye);
            d.sendRequest(ct);
        } catch (Exception e) {
            LOG.info("BYE on dialog {} failed: {}", d.getDialogId(), e.toString());
        }
    }

    /** ACKs a 2xx on {@code d}, copying the body of {@code bodySource} when given. Never throws. */
    static void ack(Dialog d, Response ok, Request bodySource) {
        try {
            Request ack = d.createAck(OutboundRequests.cseq(ok));
            if (bodySource != null) {
                OutboundRequests.copyBody(bodySource, ack);
            }
            d.sendAck(ack);
        } catch (Exception e) {
            LOG.info("ACK failed: {}", e.toString());
        }
    }

    /** For a 2xx we do not want (a losing fork, or after the caller hung up): ACK it, then BYE. */
    static void ackAndBye(SipContext ctx, Dialog d, Response ok) {
        ack(d, ok, null);
        try {
            Request bye = d.createRequest(Request.BYE);
            ClientTransaction ct = ctx.endpoint().provider().getNewClientTransaction(bye);
            d.sendRequest(ct);
        } catch (Exception e) {
            LOG.info("BYE after unwanted 2xx failed: {}", e.toString());
        }
    }
}
