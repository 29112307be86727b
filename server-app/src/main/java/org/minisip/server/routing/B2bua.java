package org.minisip.server.routing;

import gov.nist.javax.sip.RequestEventExt;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.server.cdr.Q850;
import org.minisip.server.config.ServerConfig;
import org.minisip.server.location.Binding;
import org.minisip.server.location.LocationService;
import org.minisip.server.media.MediaServices;
import org.minisip.server.security.Authenticator;
import org.minisip.server.sip.Responder;
import org.minisip.server.sip.SipContext;
import org.minisip.server.sip.Tags;
import org.minisip.server.trunk.InboundPolicy;
import org.minisip.server.trunk.OutboundTarget;
import org.minisip.server.trunk.TrunkCalls;
import org.minisip.server.trunk.TrunkRequests;
import org.minisip.sip.dialog.Replaces;
import org.minisip.sip.stack.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call routing between extensions as a back-to-back user agent: authenticates the caller, forks to every
 * registered contact of the callee, relays provisional and final responses, and hands answered calls to
 * {@link DialogRelay}. Handlers run on JAIN-SIP threads and never block: timers go to the scheduler.
 */
public final class B2bua {
    private static final Logger LOG = LoggerFactory.getLogger(B2bua.class);
    private final ServerConfig config;
    private final SipContext ctx;
    private final LocationService location;
    private final Authenticator auth;
    private final Responder responder;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final CallEnder ender;
    private final OutboundRequests out;
    private final Targets targets;
    private final TrunkCalls trunks;
    private final MediaServices media;
    private final ConferenceRooms conferences;

    public B2bua(ServerConfig config, SipContext ctx, LocationService location, Authenticator auth,
                 Responder responder, ScheduledExecutorService scheduler, Clock clock, CallEnder ender,
                 TrunkCalls trunks, MediaServices media) {
        this.config = config;
        this.ctx = ctx;
        this.location = location;
        this.auth = auth;
        this.responder = responder;
        this.scheduler = scheduler;
        this.clock = clock;
        this.ender = ender;
        this.media = media;
        this.out = new OutboundRequests(ctx, config.sip().domain());
        this.targets = new Targets(config, location, this, ender.active());
        this.trunks = trunks;
        this.conferences = new ConferenceRooms(media, scheduler);
    }

    /** A new INVITE (no To tag). */
    public void onInvite(RequestEvent event, ServerTransaction st) {
        Request req = event.getRequest();
        RequestEventExt ext = (RequestEventExt) event;
        String source = ext.getRemoteIpAddress() + ":" + ext.getRemotePort();
        String callId = ((javax.sip.header.CallIdHeader) req.getHeader("Call-ID")).getCallId();
        Optional<org.minisip.server.config.TrunkConfig> fromTrunk = trunks.from(ext.getRemoteIpAddress());
        Optional<String> caller;
        String callee;
        if (fromTrunk.isPresent()) {
            // trusted by source address: no challenge; never routed back out (no trunk-to-trunk toll fraud)
            caller = Optional.of(InboundPolicy.callerNumber(req));
            callee = InboundPolicy.calleeNumber(req, fromTrunk.get());
            LOG.info("call {} from trunk {} ({}): {} -> {}", callId, fromTrunk.get().name(), source, caller.get(),
                    callee);
        } else {
            if (!InboundPolicy.localDomain(req.getRequestURI(), config.sip().domain())) {
                LOG.info("call {} from {} to foreign domain {} refused", callId, source, req.getRequestURI());
                responder.respond(st, req, Response.FORBIDDEN, r -> InboundPolicy.phrase(r, "Relaying denied"));
                return;
            }
            caller = auth.authenticate(req, st, true, source);
            if (caller.isEmpty()) {
                return;
            }
            callee = SipContext.userOf(req.getRequestURI());
        }
        Instant now = clock.instant();
        if (req.getHeader(Replaces.NAME) != null) {
            onReplacingInvite(req, st, callId, caller.get(), now);
            return;
        }
        if (callee == null || !config.isLocalNumber(callee)) {
            Optional<OutboundTarget> viaTrunk = fromTrunk.isEmpty() ? trunks.outbound(callee) : Optional.empty();
            if (viaTrunk.isPresent()) {
                startTrunkCall(req, st, caller.get(), viaTrunk.get());
                return;
            }
            LOG.info("call {} from {} to unknown number {}", callId, caller.get(), callee);
            responder.respond(st, req, Response.NOT_FOUND, null);
            ender.cdrForRejected(callId, now, caller.get(), String.valueOf(callee), Response.NOT_FOUND);
            return;
        }
        byte[] body = req.getRawContent();
        Call call = new Call(callId, caller.get(), callee, now, st, req, Tags.newTag(), body == null || body.length == 0);
        st.setApplicationData(call);
        synchronized (call) {
            responder.respond(st, req, Response.TRYING, null);
            String display = OutboundRequests.callerDisplay(req);
            if (display == null) {
                display = config.extension(caller.get()).map(ServerConfig.Extension::displayName).orElse(null);
            }
            call.callerDisplay = display;
            targets.route(call, callee);
        }
    }

    /**
     * An INVITE with Replaces (attended transfer, RFC 3891 §3 rules at the B2BUA): 400 when unparsable, 481 when it
     * names no established leg of ours, 486 for {@code early-only} on an established one; otherwise a new call from
     * the authenticated caller to the far party of the named call, whose one leg carries Replaces naming the far
     * leg ({@link Replacing}). The far party's BYE of the replaced leg ends the old call as usual.
     */
    private void onReplacingInvite(Request req, ServerTransaction st, String callId, String caller, Instant now) {
        Replaces r;
        try {
            r = Replaces.parse(SipContext.headerValue(req, Replaces.NAME));
        } catch (IllegalArgumentException e) {
            responder.respond(st, req, Response.BAD_REQUEST, x -> InboundPolicy.phrase(x, "Bad Replaces"));
            return;
        }
        Optional<Replacing.Match> m = Replacing.find(ctx.endpoint().provider(), r);
        Optional<Binding> binding = Optional.empty();
        String ext = null;
        if (m.isPresent()) {
            synchronized (m.get().call()) {
                if (m.get().call().state == Call.State.CONFIRMED) {
                    binding = Replacing.bindingOf(m.get(), location);
                    ext = Replacing.extensionOf(m.get());
                }
            }
        }
        if (binding.isEmpty() || ext == null) {
            LOG.info("call {} from {}: Replaces {} names no established call: 481", callId, caller, r);
            responder.respond(st, req, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            ender.cdrForRejected(callId, now, caller, String.valueOf(SipContext.userOf(req.getRequestURI())),
                    Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        if (r.earlyOnly()) {
            responder.respond(st, req, Response.BUSY_HERE, null);
            return;
        }
        byte[] body = req.getRawContent();
        Call call = new Call(callId, caller, ext, now, st, req, Tags.newTag(), body == null || body.length == 0);
        call.replaces = Replacing.towardsRemote(m.get().far());
        call.notes.add("replaces=" + m.get().call().id);
        st.setApplicationData(call);
        synchronized (call) {
            responder.respond(st, req, Response.TRYING, null);
            String display = OutboundRequests.callerDisplay(req);
            call.callerDisplay = display != null ? display
                    : config.extension(caller).map(ServerConfig.Extension::displayName).orElse(null);
            call.visited.add(ext);
            LOG.info("call {} from {} replaces a leg of call {} at {}", callId, caller, m.get().call().id, ext);
            if (!ringBindings(call, ext, List.of(binding.get()), config.calls().noAnswerSeconds())) {
                finishUnanswered(call, Response.TEMPORARILY_UNAVAILABLE, "server", -1);
            }
        }
    }

    /**
     * Starts a new ring stage: one outbound INVITE per binding of {@code ext}, and a timer of {@code seconds} after
     * which the stage counts as not answered. Returns false when no leg could be started.
     */
    boolean ringBindings(Call call, String ext, List<Binding> bindings, int seconds) {
        call.stage++;
        call.callee = ext;
        call.redirectTo = null;
        call.bestFailure = null;
        for (Binding b : bindings) {
            startLeg(call, b, call.callerDisplay);
        }
        if (call.legs.stream().noneMatch(l -> l.stage == call.stage)) {
            return false;
        }
        if (call.noAnswerTimer != null) {
            call.noAnswerTimer.cancel(false);
        }
        int stage = call.stage;
        call.noAnswerTimer = scheduler.schedule(() -> noAnswer(call, stage, seconds), seconds, TimeUnit.SECONDS);
        ender.ringing(call);
        LOG.info("call {} from {} ringing {} ({} contact(s))", call.id, call.caller, ext, bindings.size());
        return true;
    }

    private void startLeg(Call call, Binding b, String display) {
        try {
            Request inv = out.invite(call.inboundInvite, b, call.caller, display, call.callee);
            byte[] anchoredOffer = anchoredOffer(call, b);
            if (anchoredOffer != null) {
                inv.setContent(anchoredOffer, ctx.endpoint().headers().createContentTypeHeader("application", "sdp"));
            }
            for (String d : call.diversions) {
                inv.addHeader(responder.header("Diversion", d));
            }
            if (call.replaces != null) {
                inv.addHeader(responder.header(Replaces.NAME, call.replaces.format()));
            }
            SipProvider provider = ctx.endpoint().provider();
            ClientTransaction ct = provider.getNewClientTransaction(inv);
            OutLeg leg = new OutLeg(call, b, ct);
            leg.anchored = anchoredOffer != null;
            ct.setApplicationData(leg);
            leg.dialog.setApplicationData(leg);
            call.legs.add(leg);
            ct.sendRequest();
        } catch (Exception e) {
            LOG.warn("call {}: cannot reach {}: {}", call.id, b.contactUri(), e.toString());
            call.legs.removeIf(l -> l.binding == b && l.stage == call.stage);
        }
    }

    /** An extension's call to a number that leaves through a trunk (prefix already matched): one stage, one leg. */
    private void startTrunkCall(Request req, ServerTransaction st, String caller, OutboundTarget target) {
        String callId = ((javax.sip.header.CallIdHeader) req.getHeader("Call-ID")).getCallId();
        byte[] body = req.getRawContent();
        Call call = new Call(callId, caller, target.dialled(), clock.instant(), st, req, Tags.newTag(),
                body == null || body.length == 0);
        st.setApplicationData(call);
        synchronized (call) {
            responder.respond(st, req, Response.TRYING, null);
            String display = OutboundRequests.callerDisplay(req);
            if (display == null) {
                display = config.extension(caller).map(ServerConfig.Extension::displayName).orElse(null);
            }
            call.callerDisplay = display;
            call.stage++;
            try {
                Request inv = trunks.invite(req, target, caller, display);
                ClientTransaction ct = ctx.endpoint().provider().getNewClientTransaction(inv);
                OutLeg leg = new OutLeg(call, target, ct);
                ct.setApplicationData(leg);
                leg.dialog.setApplicationData(leg);
                call.legs.add(leg);
                ct.sendRequest();
            } catch (Exception e) {
                LOG.warn("call {}: cannot reach trunk {}: {}", callId, target.trunk().name(), e.toString());
                finishUnanswered(call, Response.SERVICE_UNAVAILABLE, "server", -1);
                return;
            }
            int seconds = target.trunk().noAnswerSeconds() > 0 ? target.trunk().noAnswerSeconds()
                    : config.calls().noAnswerSeconds();
            int stage = call.stage;
            call.noAnswerTimer = scheduler.schedule(() -> noAnswer(call, stage, seconds), seconds, TimeUnit.SECONDS);
        }
        LOG.info("call {} from {} to {} via trunk {} as {}", callId, caller, target.dialled(),
                target.trunk().name(), target.number());
    }

    /** The carrier challenged our INVITE: send it again with the trunk's credentials (once, again if stale). */
    private boolean retryWithCredentials(Call call, OutLeg leg, Response challenge) {
        if (call.state == Call.State.ENDED || leg.cancelWanted || leg.authAttempts >= TrunkCalls.MAX_AUTH_ATTEMPTS
                || (leg.authAttempts > 0 && !TrunkRequests.stale(challenge))) {
            return false;
        }
        Optional<Request> again = trunks.withCredentials(leg.inviteTx.getRequest(), challenge, leg.trunk.trunk());
        if (again.isEmpty()) {
            return false;
        }
        try {
            ClientTransaction ct = ctx.endpoint().provider().getNewClientTransaction(again.get());
            ct.setApplicationData(leg);
            leg.inviteTx = ct;
            leg.authAttempts++;
            leg.provisional = false;
            leg.dialog = ct.getDialog();
            leg.dialog.setApplicationData(leg);
            ct.sendRequest();
            return true;
        } catch (Exception e) {
            LOG.warn("call {}: cannot answer the challenge of trunk {}: {}", call.id, leg.trunk.trunk().name(),
                    e.toString());
            return false;
        }
    }

    /** Host part for URIs the server shows the caller: the domain, else its address facing the caller. */
    String hostFor(Call call) {
        return config.sip().domain() != null ? config.sip().domain()
                : SipContext.uriHost(ctx.localAddressTowards(RequestLike.of(call.inboundInvite).host()));
    }

    /** True when the call must be recorded: the caller or the extension being rung has {@code record: true}. */
    private boolean recorded(Call call, String ext) {
        return config.extension(call.caller).map(ServerConfig.Extension::record).orElse(false)
                || config.extension(ext).map(ServerConfig.Extension::record).orElse(false);
    }

    /** The server's SDP offer for a leg of a recorded call, or null to pass the caller's SDP through. */
    private byte[] anchoredOffer(Call call, Binding b) {
        if (!recorded(call, call.callee)) {
            return null;
        }
        if (call.anchor == null) {
            call.anchor = CallAnchor.forCall(media, call);
            if (call.anchor == null) {
                return null;
            }
        }
        try {
            return call.anchor.offerFor(call.stage, ctx.localAddressTowards(b.sourceHost()));
        } catch (java.io.IOException e) {
            LOG.error("call {}: cannot open a media leg for recording: {}", call.id, e.toString());
            return null;
        }
    }

    /** Puts the call into a conference room (the server answers it). */
    void joinRoom(Call call, org.minisip.server.config.Services.ConferenceRoom room) {
        conferences.join(call, room, this, ctx.localAddressTowards(RequestLike.of(call.inboundInvite).host()));
    }

    /** DTMF digits a conference participant sent as SIP INFO. */
    void conferenceDigits(Call call, String digits) {
        for (char c : digits.toCharArray()) {
            conferences.digit(call, call.conference, Character.toUpperCase(c), this);
        }
    }

    /** Answers the inbound INVITE with the server's own SDP (conference rooms). */
    void answerLocally(Call call, byte[] sdp) throws Exception {
        Response ok = responder.create(call.inboundInvite, Response.OK, call.inboundToTag);
        ok.setContent(sdp, ctx.endpoint().headers().createContentTypeHeader("application", "sdp"));
        ok.addHeader(inboundContact(call));
        responder.addAllow(ok);
        if (call.noAnswerTimer != null) {
            call.noAnswerTimer.cancel(false);
        }
        call.state = Call.State.CONFIRMED;
        call.answerTime = clock.instant();
        responder.send(call.inviteTx, ok);
        call.inboundDialog = call.inviteTx.getDialog();
        bindInboundDialog(call);
        ender.answered(call);
    }

    /** The server ends an answered call it terminates itself (conference): BYE with a Reason, CDR row. */
    void hangUpLocal(Call call, String reason) {
        if (call.state == Call.State.ENDED || call.inboundDialog == null) {
            return;
        }
        try {
            Request bye = call.inboundDialog.createRequest(Request.BYE);
            bye.addHeader(responder.header("Reason", reason));
            call.inboundDialog.sendRequest(ctx.endpoint().provider().getNewClientTransaction(bye));
        } catch (Exception e) {
            LOG.info("call {}: BYE failed: {}", call.id, e.toString());
        }
        call.state = Call.State.ENDED;
        ender.ended(call, Response.OK, "server", Q850.NORMAL_CLEARING);
    }

    /** Sends {@code 181 Call Is Being Forwarded} to the caller, saying who forwarded and where to. */
    void sendForwarded(Call call, String from, String to) {
        if (call.state != Call.State.PROCEEDING && call.state != Call.State.EARLY) {
            return;
        }
        Response r = responder.create(call.inboundInvite, Response.CALL_IS_BEING_FORWARDED, call.inboundToTag);
        try {
            String target = "sip:" + to + "@" + hostFor(call);
            r.addHeader(responder.header("Call-Info", "<" + target + ">;purpose=forwarding;username=\"" + from
                    + "\";contact=\"" + target + "\""));
            r.addHeader(inboundContact(call));
        } catch (Exception e) {
            LOG.debug("call {}: 181: {}", call.id, e.toString());
        }
        call.state = Call.State.EARLY;
        responder.send(call.inviteTx, r);
        call.inboundDialog = call.inviteTx.getDialog();
        bindInboundDialog(call);
    }

    /** A response on an outbound INVITE leg. */
    public void onLegResponse(ResponseEvent event, OutLeg leg) {
        Response r = event.getResponse();
        int code = r.getStatusCode();
        Call call = leg.call;
        synchronized (call) {
            if (leg.trunk != null && code >= 200) {
                if ((code == Response.UNAUTHORIZED || code == Response.PROXY_AUTHENTICATION_REQUIRED)
                        && retryWithCredentials(call, leg, r)) {
                    return;
                }
                trunks.finished(leg.inviteTx.getRequest());
            }
            if (code < 200) {
                onProvisional(call, leg, r);
            } else if (code < 300) {
                onAnswer(call, leg, r, event);
            } else {
                leg.finished = true;
                if ((call.state == Call.State.PROCEEDING || call.state == Call.State.EARLY)
                        && leg.stage == call.stage) {
                    if (code < 400 && call.redirectTo == null) {
                        call.redirectTo = Targets.redirectTarget(r);
                    }
                    if (call.bestFailure == null || better(r, call.bestFailure)) {
                        call.bestFailure = r;
                    }
                    if (call.stageFinished()) {
                        stageFailed(call);
                    }
                }
            }
        }
    }

    private void onProvisional(Call call, OutLeg leg, Response r) {
        leg.provisional = true;
        if (leg.cancelWanted) {
            cancel(leg);
            return;
        }
        if (r.getStatusCode() == Response.TRYING || call.state.compareTo(Call.State.EARLY) > 0) {
            return;
        }
        call.state = Call.State.EARLY;
        Response fwd = responder.create(call.inboundInvite, r.getStatusCode(), call.inboundToTag);
        try {
            if (!leg.anchored) {
                OutboundRequests.copyBody(r, fwd); // anchored calls have no early media: the server answers later
            }
            fwd.setReasonPhrase(r.getReasonPhrase());
            fwd.addHeader(inboundContact(call));
        } catch (Exception e) {
            LOG.debug("call {}: provisional relay: {}", call.id, e.toString());
        }
        responder.send(call.inviteTx, fwd);
        call.inboundDialog = call.inviteTx.getDialog();
        bindInboundDialog(call);
    }

    private void onAnswer(Call call, OutLeg leg, Response r, ResponseEvent event) {
        leg.finished = true;
        if (call.state == Call.State.CONFIRMED || call.state == Call.State.ENDED) {
            // a second fork answered, or the caller already gave up: take it down
            DialogRelay.ackAndBye(ctx, event.getDialog() != null ? event.getDialog() : leg.dialog, r);
            return;
        }
        call.state = Call.State.CONFIRMED;
        if (event.getDialog() != null && event.getDialog() != leg.dialog) {
            leg.dialog = event.getDialog();
            leg.dialog.setApplicationData(leg);
        }
        call.answered = leg;
        call.answerTime = clock.instant();
        call.callee = leg.extension;
        targets.answered(call, leg);
        ender.answered(call);
        if (call.noAnswerTimer != null) {
            call.noAnswerTimer.cancel(false);
        }
        for (OutLeg other : call.legs) {
            if (other != leg && !other.finished) {
                cancel(other);
            }
        }
        if (!call.lateOffer) {
            DialogRelay.ack(leg.dialog, r, null);
        }
        Response ok = responder.create(call.inboundInvite, Response.OK, call.inboundToTag);
        if (leg.anchored) {
            try {
                byte[] sdp = call.anchor.answered(r.getRawContent(),
                        ctx.localAddressTowards(RequestLike.of(call.inboundInvite).host()));
                ok.setContent(sdp, ctx.endpoint().headers().createContentTypeHeader("application", "sdp"));
                call.notes.add("recording=" + call.anchor.recordingPath());
            } catch (Exception e) {
                LOG.error("call {}: anchoring the answered call failed: {}", call.id, e.toString());
                DialogRelay.bye(ctx, leg.dialog);
                call.answered = null;
                call.answerTime = null;
                call.state = Call.State.EARLY;
                finishUnanswered(call, Response.NOT_ACCEPTABLE_HERE, "server", -1);
                return;
            }
        }
        try {
            if (!leg.anchored) {
                OutboundRequests.copyBody(r, ok);
            }
            ok.addHeader(inboundContact(call));
            responder.addAllow(ok);
        } catch (Exception e) {
            LOG.warn("call {}: building 200: {}", call.id, e.toString());
        }
        call.pendingAnswer = r;
        responder.send(call.inviteTx, ok);
        call.inboundDialog = call.inviteTx.getDialog();
        bindInboundDialog(call);
        LOG.info("call {} answered by {}", call.id, leg.target());
    }

    private void bindInboundDialog(Call call) {
        if (call.inboundDialog != null) {
            call.inboundDialog.setApplicationData(call);
        }
    }

    private ContactHeader inboundContact(Call call) throws java.text.ParseException {
        return contactTowards(call.inboundInvite, call.callee);
    }

    /** The server's Contact for answering {@code received}: same transport, address facing its sender. */
    ContactHeader contactTowards(Request received, String user) throws java.text.ParseException {
        RequestLike src = RequestLike.of(received);
        Transport t = ctx.available(src.transport());
        return out.contact(user == null ? "b2bua" : user, ctx.localAddressTowards(src.host()), t);
    }

    /** CANCEL for the inbound INVITE: 200 to the CANCEL is sent by the caller of this method. */
    public void onCancel(Call call) {
        synchronized (call) {
            if (call.state == Call.State.CONFIRMED || call.state == Call.State.ENDED) {
                return;
            }
            for (OutLeg leg : call.legs) {
                if (!leg.finished) {
                    cancel(leg);
                }
            }
            finishUnanswered(call, Response.REQUEST_TERMINATED, "caller", Q850.NORMAL_CLEARING);
        }
    }

    /** A transaction timeout on an outbound INVITE: that contact is unreachable. */
    public void onLegTimeout(OutLeg leg) {
        Call call = leg.call;
        synchronized (call) {
            if (leg.trunk != null) {
                trunks.finished(leg.inviteTx.getRequest());
            }
            leg.finished = true;
            leg.timedOut = true;
            if ((call.state == Call.State.PROCEEDING || call.state == Call.State.EARLY) && leg.stage == call.stage
                    && call.stageFinished()) {
                stageFailed(call);
            }
        }
    }

    /** Every leg of the current stage failed: let forwarding / hunting decide, else give up. */
    private void stageFailed(Call call) {
        boolean allTimedOut = call.legs.stream().filter(l -> l.stage == call.stage).allMatch(l -> l.timedOut);
        if (call.bestFailure == null || allTimedOut) {
            targets.stageFailed(call, Targets.Outcome.UNREACHABLE, Response.REQUEST_TIMEOUT, "server", -1);
            return;
        }
        int status = call.bestFailure.getStatusCode();
        int cause = Q850.fromReason(SipContext.headerValue(call.bestFailure, "Reason"));
        targets.stageFailed(call, Targets.Outcome.of(status, call.redirectTo), status, "callee", cause);
    }

    private void noAnswer(Call call, int stage, int seconds) {
        synchronized (call) {
            if ((call.state != Call.State.PROCEEDING && call.state != Call.State.EARLY) || call.stage != stage) {
                return;
            }
            LOG.info("call {}: {} did not answer within {}s", call.id, call.callee, seconds);
            for (OutLeg leg : call.legs) {
                if (!leg.finished) {
                    cancel(leg);
                }
            }
            targets.stageFailed(call, Targets.Outcome.NO_ANSWER, Response.REQUEST_TIMEOUT, "server", Q850.NO_ANSWER);
        }
    }

    private void cancel(OutLeg leg) {
        if (!leg.provisional) {
            leg.cancelWanted = true;  // RFC 3261 §9.1: wait for a provisional response before CANCEL
            return;
        }
        leg.finished = true;
        try {
            Request cancel = leg.inviteTx.createCancel();
            ctx.endpoint().provider().getNewClientTransaction(cancel).sendRequest();
        } catch (Exception e) {
            LOG.debug("CANCEL to {} failed: {}", leg.target(), e.toString());
        }
    }

    void finishUnanswered(Call call, int status, String releasedBy, int cause) {
        if (call.state == Call.State.ENDED) {
            return;
        }
        call.state = Call.State.ENDED;
        if (call.noAnswerTimer != null) {
            call.noAnswerTimer.cancel(false);
        }
        Response relayed = call.bestFailure != null && call.bestFailure.getStatusCode() == status
                ? call.bestFailure : null;
        responder.respond(call.inviteTx, call.inboundInvite, status, relayed == null ? null : r -> {
            try {
                r.setReasonPhrase(relayed.getReasonPhrase());
            } catch (java.text.ParseException ignored) {
                // keep the standard phrase
            }
            String reason = SipContext.headerValue(relayed, "Reason");
            if (reason != null) {
                r.addHeader(responder.header("Reason", reason));
            }
        });
        ender.ended(call, status, releasedBy, cause >= 0 ? cause : Q850.fromSipStatus(status));
    }

    /** RFC 3261 §16.7 step 6, simplified: 6xx wins, then 486 (busy), then the lowest code. */
    private static boolean better(Response candidate, Response best) {
        int c = candidate.getStatusCode();
        int b = best.getStatusCode();
        if ((c >= 600) != (b >= 600)) {
            return c >= 600;
        }
        if ((c == Response.BUSY_HERE) != (b == Response.BUSY_HERE)) {
            return c == Response.BUSY_HERE;
        }
        return c < b;
    }

    static String fromUser(Request r) {
        return SipContext.userOf(((FromHeader) r.getHeader(FromHeader.NAME)).getAddress().getURI());
    }

    static String toUser(Request r) {
        return SipContext.userOf(((ToHeader) r.getHeader(ToHeader.NAME)).getAddress().getURI());
    }

    /** Source host and transport of a received request, from its top Via (received/rport applied). */
    record RequestLike(String host, Transport transport) {
        static RequestLike of(Request r) {
            javax.sip.header.ViaHeader via = (javax.sip.header.ViaHeader) r.getHeader("Via");
            String host = via.getReceived() != null ? via.getReceived() : via.getHost();
            return new RequestLike(host, Transport.parse(via.getTransport()));
        }
    }

    /** Dialog → call lookup for in-dialog requests. */
    static Optional<Call> callOf(Dialog d) {
        if (d == null) {
            return Optional.empty();
        }
        Object data = d.getApplicationData();
        if (data instanceof Call c) {
            return Optional.of(c);
        }
        if (data instanceof OutLeg l) {
            return Optional.of(l.call);
        }
        return Optional.empty();
    }
}
