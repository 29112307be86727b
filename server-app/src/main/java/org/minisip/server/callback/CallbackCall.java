package org.minisip.server.callback;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.server.cdr.CdrRecord;
import org.minisip.server.cdr.Q850;
import org.minisip.server.sip.ClientCallback;
import org.minisip.server.sip.InDialogHandler;
import org.minisip.server.sip.Responder;
import org.minisip.server.sip.SipContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call-back (third-party call control, RFC 3725 §4.1 "flow I"): INVITE A without SDP; A's 200 carries the
 * offer, which goes to B in a second INVITE; B's 200 answer is ACKed and handed to A in the ACK of A's 200. A BYE
 * on either side ends both. If B fails, A's 200 is ACKed and A gets a BYE. B rings at most
 * {@value #MAX_B_RING_SECONDS} s because A retransmits its unacknowledged 200 for only 32 s (RFC 3261 §13.3.1.4).
 * Every method holds the call's monitor; SIP threads call in and nothing blocks.
 */
final class CallbackCall implements ClientCallback, InDialogHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackCall.class);
    static final int MAX_B_RING_SECONDS = 30;

    enum State { CALLING_A, CALLING_B, CONNECTED, ENDED }

    private final String requestId;
    private final CallbackTargets.Target a;
    private final CallbackTargets.Target b;
    private final CallbackTargets targets;
    private final SipContext ctx;
    private final Responder responder;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final int noAnswerSeconds;
    private final Consumer<CdrRecord> cdr;
    private final Runnable onEnd;
    private final Instant start;
    private State state = State.CALLING_A;
    private Leg legA;
    private Leg legB;
    private Response aOk;
    private Instant connected;
    private ScheduledFuture<?> timer;

    /** One INVITE client transaction with what is needed to CANCEL or re-send it with credentials. */
    private static final class Leg {
        ClientTransaction tx;
        Dialog dialog;
        boolean provisional;
        boolean cancelWanted;
        boolean finished;
        int authAttempts;

        Leg(ClientTransaction tx) {
            this.tx = tx;
            this.dialog = tx.getDialog();
        }
    }

    CallbackCall(String requestId, CallbackTargets.Target a, CallbackTargets.Target b, CallbackTargets targets,
                 SipContext ctx, Responder responder, ScheduledExecutorService scheduler, Clock clock,
                 int noAnswerSeconds, Consumer<CdrRecord> cdr, Runnable onEnd) {
        this.requestId = requestId;
        this.a = a;
        this.b = b;
        this.targets = targets;
        this.ctx = ctx;
        this.responder = responder;
        this.scheduler = scheduler;
        this.clock = clock;
        this.noAnswerSeconds = noAnswerSeconds;
        this.cdr = cdr;
        this.onEnd = onEnd;
        this.start = clock.instant();
    }

    /** Sends the INVITE to A; returns its Call-ID (the call reference given to the application). */
    synchronized String start() throws Exception {
        legA = send(targets.invite(a, b.number(), null, null));
        timer = scheduler.schedule(this::noAnswer, noAnswerSeconds, TimeUnit.SECONDS);
        String ref = callIdOf(legA.tx.getRequest());
        LOG.info("call-back {} ({}): calling A {} for B {}", requestId, ref, a.number(), b.number());
        return ref;
    }

    private Leg send(Request r) throws Exception {
        ClientTransaction ct = ctx.endpoint().provider().getNewClientTransaction(r);
        ct.setApplicationData(this);
        Leg leg = new Leg(ct);
        leg.dialog.setApplicationData(this);
        ct.sendRequest();
        return leg;
    }

    @Override
    public synchronized void onResponse(ResponseEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        Leg leg = ct == null ? null : ct == legA.tx ? legA : legB != null && ct == legB.tx ? legB : null;
        if (leg == null) {
            return;
        }
        Response r = event.getResponse();
        int code = r.getStatusCode();
        if (code < 200) {
            leg.provisional = true;
            if (leg.cancelWanted) {
                cancel(leg);
            }
            return;
        }
        if ((code == Response.UNAUTHORIZED || code == Response.PROXY_AUTHENTICATION_REQUIRED) && retry(leg, r)) {
            return;
        }
        leg.finished = true;
        targets.finished(leg.tx.getRequest());
        if (leg == legA) {
            onAResponse(r, event.getDialog());
        } else {
            onBResponse(r, event.getDialog());
        }
    }

    private boolean retry(Leg leg, Response challenge) {
        CallbackTargets.Target t = leg == legA ? a : b;
        if (state == State.ENDED || leg.cancelWanted || leg.authAttempts > 0) {
            return false;
        }
        Optional<Request> again = targets.withCredentials(t, leg.tx.getRequest(), challenge);
        if (again.isEmpty()) {
            return false;
        }
        try {
            ClientTransaction ct = ctx.endpoint().provider().getNewClientTransaction(again.get());
            ct.setApplicationData(this);
            leg.tx = ct;
            leg.dialog = ct.getDialog();
            leg.dialog.setApplicationData(this);
            leg.provisional = false;
            leg.authAttempts++;
            ct.sendRequest();
            return true;
        } catch (Exception e) {
            LOG.info("call-back {}: cannot answer the challenge: {}", requestId, e.toString());
            return false;
        }
    }

    private void onAResponse(Response r, Dialog d) {
        int code = r.getStatusCode();
        if (code >= 300) {
            end(code, "callee", Q850.fromSipStatus(code), "A " + a.number() + " answered " + code);
            return;
        }
        if (d != null && d != legA.dialog) {
            legA.dialog = d;
            d.setApplicationData(this);
        }
        if (state != State.CALLING_A) {
            ack(legA.dialog, r, null);
            bye(legA.dialog);
            return;
        }
        aOk = r;
        state = State.CALLING_B;
        cancelTimer();
        try {
            legB = send(targets.invite(b, a.number(), r.getRawContent(),
                    (ContentTypeHeader) r.getHeader(ContentTypeHeader.NAME)));
            timer = scheduler.schedule(this::noAnswer, Math.min(noAnswerSeconds, MAX_B_RING_SECONDS),
                    TimeUnit.SECONDS);
            LOG.info("call-back {}: A {} answered, calling B {}", requestId, a.number(), b.number());
        } catch (Exception e) {
            failB(Response.SERVICE_UNAVAILABLE, "cannot call B " + b.number() + ": " + e);
        }
    }

    private void onBResponse(Response r, Dialog d) {
        int code = r.getStatusCode();
        if (code >= 300) {
            if (state == State.CALLING_B) {
                failB(code, "B " + b.number() + " answered " + code);
            }
            return;
        }
        if (d != null && d != legB.dialog) {
            legB.dialog = d;
            d.setApplicationData(this);
        }
        if (state != State.CALLING_B) {
            ack(legB.dialog, r, null);
            bye(legB.dialog);
            return;
        }
        ack(legB.dialog, r, null);
        ack(legA.dialog, aOk, r);
        state = State.CONNECTED;
        connected = clock.instant();
        cancelTimer();
        LOG.info("call-back {}: A {} and B {} connected", requestId, a.number(), b.number());
    }

    /** B did not answer: A (already answered) gets its ACK and a BYE. */
    private void failB(int code, String why) {
        ack(legA.dialog, aOk, null);
        bye(legA.dialog);
        end(code, "callee", Q850.fromSipStatus(code), why);
    }

    @Override
    public synchronized void onTimeout() {
        if (state == State.CALLING_A) {
            end(Response.REQUEST_TIMEOUT, "server", Q850.fromSipStatus(408), "A " + a.number() + " unreachable");
        } else if (state == State.CALLING_B) {
            failB(Response.REQUEST_TIMEOUT, "B " + b.number() + " unreachable");
        }
    }

    private synchronized void noAnswer() {
        if (state == State.CALLING_A) {
            cancel(legA);
            end(Response.REQUEST_TIMEOUT, "server", Q850.NO_ANSWER, "A " + a.number() + " did not answer");
        } else if (state == State.CALLING_B) {
            cancel(legB);
            failB(Response.REQUEST_TIMEOUT, "B " + b.number() + " did not answer");
        }
    }

    /** BYE (or a keep-alive) from A or B inside their dialog. */
    @Override
    public synchronized void onRequest(RequestEvent event, ServerTransaction st) {
        Request req = event.getRequest();
        if (!req.getMethod().equals(Request.BYE)) {
            responder.respond(st, req, req.getMethod().equals(Request.INVITE) ? Response.NOT_ACCEPTABLE_HERE
                    : Response.OK, null);
            return;
        }
        responder.respond(st, req, Response.OK, null);
        Dialog from = event.getDialog();
        boolean fromA = legA != null && from == legA.dialog;
        if (state == State.CONNECTED) {
            bye(fromA ? legB.dialog : legA.dialog);
            end(Response.OK, fromA ? "caller" : "callee", Q850.NORMAL_CLEARING, (fromA ? "A" : "B") + " hung up");
        } else if (state == State.CALLING_B && fromA) {
            cancel(legB);
            end(Response.REQUEST_TERMINATED, "caller", Q850.NORMAL_CLEARING, "A hung up while B was ringing");
        }
    }

    private void cancel(Leg leg) {
        if (leg == null || leg.finished) {
            return;
        }
        if (!leg.provisional) {
            leg.cancelWanted = true;
            return;
        }
        leg.finished = true;
        try {
            ctx.endpoint().provider().getNewClientTransaction(leg.tx.createCancel()).sendRequest();
        } catch (Exception e) {
            LOG.debug("call-back {}: CANCEL failed: {}", requestId, e.toString());
        }
    }

    private void end(int status, String releasedBy, int cause, String why) {
        if (state == State.ENDED) {
            return;
        }
        state = State.ENDED;
        cancelTimer();
        Instant end = clock.instant();
        String disposition = connected != null ? "ANSWERED" : switch (status) {
            case 486, 600 -> "BUSY";
            case 487 -> "CANCELLED";
            case 408, 480 -> "NO ANSWER";
            default -> "FAILED";
        };
        LOG.info("call-back {} ended: {} ({})", requestId, disposition, why);
        cdr.accept(new CdrRecord(callIdOf(legA.tx.getRequest()), start, connected, end, a.number(), b.number(),
                disposition, status, releasedBy, cause));
        onEnd.run();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void ack(Dialog d, Response ok, Response bodySource) {
        try {
            Request ack = d.createAck(((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber());
            if (bodySource != null && bodySource.getRawContent() != null) {
                ack.setContent(bodySource.getRawContent(),
                        (ContentTypeHeader) bodySource.getHeader(ContentTypeHeader.NAME).clone());
            }
            d.sendAck(ack);
        } catch (Exception e) {
            LOG.info("call-back {}: ACK failed: {}", requestId, e.toString());
        }
    }

    private void bye(Dialog d) {
        try {
            Request bye = d.createRequest(Request.BYE);
            d.sendRequest(ctx.endpoint().provider().getNewClientTransaction(bye));
        } catch (Exception e) {
            LOG.info("call-back {}: BYE failed: {}", requestId, e.toString());
        }
    }

    private static String callIdOf(Request r) {
        return ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
