package org.minisip.phone.engine;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.sip.dialog.Replaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's JAIN-SIP listener. Every callback only hands the event to the engine thread and returns — JAIN-SIP
 * threads never block on call state, media or disk. On the engine thread, requests are routed by Call-ID to the
 * call they belong to (new INVITEs create an {@link IncomingCall}); responses go to the {@link ResponseHandler} stored
 * on their client transaction.
 */
final class SipEvents implements SipListener {
    private static final Logger LOG = LoggerFactory.getLogger(SipEvents.class);

    private final Executor engineThread;
    private final PhoneEngine engine;

    SipEvents(Executor engineThread, PhoneEngine engine) {
        this.engineThread = engineThread;
        this.engine = engine;
    }

    private void handOff(Runnable r) {
        try {
            engineThread.execute(() -> {
                try {
                    if (engine.sipOrNull() != null) {
                        r.run();
                    }
                } catch (RuntimeException e) {
                    LOG.warn("error handling SIP event", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("engine stopped; SIP event dropped");
        }
    }

    @Override
    public void processRequest(RequestEvent ev) {
        handOff(() -> onRequest(ev));
    }

    @Override
    public void processResponse(ResponseEvent ev) {
        handOff(() -> onResponse(ev));
    }

    @Override
    public void processTimeout(TimeoutEvent ev) {
        if (!ev.isServerTransaction()) {
            ClientTransaction ct = ev.getClientTransaction();
            handOff(() -> {
                if (ct != null && ct.getApplicationData() instanceof ResponseHandler h) {
                    h.onTimeout();
                }
            });
        }
    }

    @Override
    public void processIOException(IOExceptionEvent ev) {
        LOG.debug("SIP I/O error towards {}:{}/{}", ev.getHost(), ev.getPort(), ev.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent ev) {
        // nothing to clean up: handlers live on the transaction and go with it
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent ev) {
        // calls end on BYE/CANCEL/final responses, not on dialog garbage collection
    }

    private void onResponse(ResponseEvent ev) {
        ClientTransaction ct = ev.getClientTransaction();
        if (ct != null && ct.getApplicationData() instanceof ResponseHandler h) {
            h.onResponse(ev);
            return;
        }
        CallSession c = engine.calls().get(callId(ev.getResponse().getHeader(CallIdHeader.NAME)));
        if (c != null) {
            c.onStrayResponse(ev);
        }
    }

    private void onRequest(RequestEvent ev) {
        Request req = ev.getRequest();
        String method = req.getMethod();
        CallSession call = engine.calls().get(callId(req.getHeader(CallIdHeader.NAME)));
        boolean inDialog = ((ToHeader) req.getHeader(ToHeader.NAME)).getTag() != null;
        if (call != null) {
            if (Request.CANCEL.equals(method)) {
                if (call instanceof IncomingCall ic) {
                    ic.onCancel(ev);
                } else {
                    respond(ev, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                }
            } else if (!Request.INVITE.equals(method) || inDialog) {
                call.onRequest(ev);
            }
            // else: a retransmitted initial INVITE, absorbed by its transaction
            return;
        }
        switch (method) {
            case Request.INVITE -> {
                if (inDialog) {
                    respond(ev, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                } else if (req.getHeader(Replaces.NAME) != null) {
                    onReplacingInvite(ev);
                } else {
                    IncomingCall ic = new IncomingCall(engine.callContext(), callId(req.getHeader(CallIdHeader.NAME)));
                    engine.calls().put(ic.callId(), ic);
                    if (!ic.start(ev)) {
                        engine.calls().remove(ic.callId());
                    }
                }
            }
            case Request.ACK -> LOG.debug("ACK for unknown call ignored");
            case Request.MESSAGE -> {
                respond(ev, Response.OK);
                MessageText.of(req).ifPresent(text -> engine.publish(new PhoneEvent.MessageReceived(
                        MessageText.from(req), text)));
            }
            case Request.NOTIFY -> {
                Subscriptions subs = engine.subscriptionsOrNull();
                respond(ev, subs == null ? Response.OK : subs.onNotify(ev));
            }
            case Request.OPTIONS -> respond(ev, Response.OK);
            case Request.BYE, Request.CANCEL, Request.INFO, Request.UPDATE, Request.PRACK ->
                    respond(ev, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            default -> respond(ev, Response.METHOD_NOT_ALLOWED);
        }
    }

    /**
     * An INVITE with Replaces (RFC 3891 §3): 400 for an unparsable header; 481 when it names no established call of
     * ours (early dialogs are not replaced: an early one we received may not be, RFC 3891 §3, and replacing our own
     * ringing call is not offered); 486 for {@code early-only} naming an established call. Otherwise the new call is
     * accepted without ringing or asking, the old one gets BYE first (so the two never share the audio devices).
     */
    private void onReplacingInvite(RequestEvent ev) {
        Request req = ev.getRequest();
        java.util.Optional<Replaces> parsed = Replaces.tryParse(
                SipSupport.headerValue((javax.sip.header.Header) req.getHeader(Replaces.NAME)));
        if (parsed.isEmpty()) {
            respond(ev, Response.BAD_REQUEST);
            return;
        }
        Replaces r = parsed.get();
        CallSession old = null;
        for (CallSession c : engine.calls().values()) {
            javax.sip.Dialog d = c.dialog();
            if (!c.isTerminated() && d != null && d.getCallId() != null
                    && r.matches(d.getCallId().getCallId(), d.getLocalTag(), d.getRemoteTag())) {
                old = c;
                break;
            }
        }
        if (old == null || !old.isAnswered()) {
            LOG.info("INVITE with Replaces for no established call ({}): 481", r);
            respond(ev, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        if (r.earlyOnly()) {
            respond(ev, Response.BUSY_HERE);
            return;
        }
        IncomingCall ic = new IncomingCall(engine.callContext(), callId(req.getHeader(CallIdHeader.NAME)));
        engine.calls().put(ic.callId(), ic);
        if (!ic.start(ev, false)) {
            engine.calls().remove(ic.callId());
            return;
        }
        javax.sip.header.FromHeader from = (javax.sip.header.FromHeader) req.getHeader(javax.sip.header.FromHeader.NAME);
        engine.publish(new PhoneEvent.Replaced(old.callId(), ic.callId(), from.getAddress().getURI().toString()));
        old.replaced();
        ic.answer();
    }

    /** Stateful response outside any call (OPTIONS keep-alive pings, stray requests). */
    private void respond(RequestEvent ev, int status) {
        SipSupport sip = engine.sipOrNull();
        try {
            ServerTransaction st = ev.getServerTransaction();
            if (st == null) {
                st = sip.endpoint().provider().getNewServerTransaction(ev.getRequest());
            }
            Response r = sip.messages().createResponse(status, ev.getRequest());
            if (Request.OPTIONS.equals(ev.getRequest().getMethod()) || status == Response.METHOD_NOT_ALLOWED) {
                sip.addAllow(r);
                r.addHeader(sip.headers().createHeader("Accept", "application/sdp"));
            }
            st.sendResponse(r);
        } catch (TransactionAlreadyExistsException e) {
            LOG.debug("retransmitted {} ignored", ev.getRequest().getMethod());
        } catch (Exception e) {
            LOG.warn("cannot answer {} with {}: {}", ev.getRequest().getMethod(), status, e.toString());
        }
    }

    private static String callId(Object header) {
        return header instanceof CallIdHeader h ? h.getCallId() : "";
    }
}
