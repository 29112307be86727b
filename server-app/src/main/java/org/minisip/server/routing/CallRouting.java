package org.minisip.server.routing;

import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.server.registrar.Registrar;
import org.minisip.server.sip.Responder;
import org.minisip.server.sip.ServerListener;
import org.minisip.server.sip.SipContext;

/** Dispatch table from SIP events to registrar, B2BUA and dialog relay. */
public final class CallRouting implements ServerListener.Handlers {
    private final Registrar registrar;
    private final B2bua b2bua;
    private final DialogRelay relay;
    private final Responder responder;

    private MessageRouter messages;
    private org.minisip.server.sip.RequestHandler subscriptions;

    /** With messages and event subscriptions (SUBSCRIBE outside dialogs: presence, message summary). */
    public CallRouting(Registrar registrar, B2bua b2bua, DialogRelay relay, Responder responder,
                       MessageRouter messages, org.minisip.server.sip.RequestHandler subscriptions) {
        this(registrar, b2bua, relay, responder, messages);
        this.subscriptions = subscriptions;
    }

    /** With instant messages between extensions (SIP MESSAGE through {@code messages}). */
    public CallRouting(Registrar registrar, B2bua b2bua, DialogRelay relay, Responder responder,
                       MessageRouter messages) {
        this(registrar, b2bua, relay, responder);
        this.messages = messages;
    }

    public CallRouting(Registrar registrar, B2bua b2bua, DialogRelay relay, Responder responder) {
        this.registrar = registrar;
        this.b2bua = b2bua;
        this.relay = relay;
        this.responder = responder;
    }

    @Override public void register(RequestEvent e, ServerTransaction st) { registrar.register(e, st); }
    @Override public void invite(RequestEvent e, ServerTransaction st) { b2bua.onInvite(e, st); }
    @Override public void inDialog(RequestEvent e, ServerTransaction st) { relay.onRequest(e, st); }
    @Override public void ack(RequestEvent e) { relay.onAck(e); }

    @Override
    public void cancel(RequestEvent e, ServerTransaction st) {
        // JAIN-SIP matches the CANCEL to the INVITE server transaction; its dialog carries our call
        responder.respond(st, e.getRequest(), Response.OK, null);
        ServerTransaction inviteTx = ((gov.nist.javax.sip.stack.SIPServerTransaction) st).getCanceledInviteTransaction();
        Optional<Call> call = inviteTx == null ? Optional.empty() : findCall(inviteTx);
        call.ifPresent(b2bua::onCancel);
    }

    private Optional<Call> findCall(ServerTransaction inviteTx) {
        Object data = inviteTx.getApplicationData();
        if (data instanceof Call c) {
            return Optional.of(c);
        }
        return B2bua.callOf(inviteTx.getDialog());
    }

    @Override
    public void outOfDialog(RequestEvent e, ServerTransaction st) {
        Request req = e.getRequest();
        switch (req.getMethod()) {
            case Request.OPTIONS -> responder.respond(st, req, Response.OK, r -> {
                responder.addAllow(r);
                r.addHeader(responder.header("Accept", "application/sdp"));
            });
            case Request.BYE, Request.INFO, Request.UPDATE, Request.PRACK ->
                responder.respond(st, req, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            case Request.SUBSCRIBE -> {
                if (subscriptions != null) {
                    subscriptions.onRequest(e, st);
                } else {
                    responder.respond(st, req, Response.BAD_EVENT, null);
                }
            }
            case Request.MESSAGE -> {
                if (messages != null) {
                    messages.onMessage(e, st);
                } else {
                    responder.respond(st, req, Response.METHOD_NOT_ALLOWED, r -> responder.addAllow(r));
                }
            }
            default -> responder.respond(st, req, Response.METHOD_NOT_ALLOWED,
                    r -> responder.addAllow(r));
        }
    }

    @Override
    public void response(ResponseEvent e) {
        ClientTransaction ct = e.getClientTransaction();
        Object data = ct == null ? null : ct.getApplicationData();
        if (data instanceof OutLeg leg) {
            b2bua.onLegResponse(e, leg);
        } else if (data instanceof DialogRelay.Relay r) {
            relay.onRelayResponse(e, r);
        } else if (data instanceof MessageRouter.Delivery d && messages != null) {
            messages.onResponse(e, d);
        } else if (data instanceof org.minisip.server.sip.ClientCallback cb) {
            cb.onResponse(e);
        }
        // else: response to our BYE/CANCEL, or a stray retransmission: nothing to do
    }

    @Override
    public void timeout(ClientTransaction ct) {
        Object data = ct.getApplicationData();
        if (data instanceof OutLeg leg) {
            b2bua.onLegTimeout(leg);
        } else if (data instanceof DialogRelay.Relay r) {
            relay.onRelayTimeout(r);
        } else if (data instanceof MessageRouter.Delivery d && messages != null) {
            messages.onTimeout(d);
        } else if (data instanceof org.minisip.server.sip.ClientCallback cb) {
            cb.onTimeout();
        }
    }
}
