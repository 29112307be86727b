package org.minisip.server.routing;

import java.time.Instant;
import java.util.List;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.message.Response;
import org.minisip.server.cdr.Q850;
import org.minisip.server.config.ServerConfig;
import org.minisip.server.config.Services;
import org.minisip.server.location.Binding;
import org.minisip.server.location.LocationService;
import org.minisip.server.services.hunt.HuntOrder;
import org.minisip.server.sip.SipContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a call goes: an extension (with its forwarding rules), a hunting group (members one at a time) or, after
 * a failed ring stage, the next forwarding target or hunt member. Forwarding hops send 181 with Call-Info to the
 * caller and add a Diversion header (RFC 5806) to the new legs; chains stop at a loop (482) or after
 * {@code calls.forward-hops} hops (483). Called with the call's monitor held, on SIP or timer threads; never blocks.
 */
final class Targets {
    private static final Logger LOG = LoggerFactory.getLogger(Targets.class);

    /** Why a ring stage ended without an answer. */
    enum Outcome {
        BUSY, NO_ANSWER, UNREACHABLE, REDIRECT, REJECTED;

        static Outcome of(int status, String redirectTo) {
            if (status >= 300 && status < 400) {
                return redirectTo != null ? REDIRECT : REJECTED;
            }
            return switch (status) {
                case 486, 600, 603 -> BUSY;
                case 408 -> NO_ANSWER;
                case 480, 503 -> UNREACHABLE;
                default -> REJECTED;
            };
        }
    }

    private final ServerConfig config;
    private final LocationService location;
    private final B2bua b2bua;
    private final ActiveCalls active;
    private final HuntOrder huntOrder = new HuntOrder();

    Targets(ServerConfig config, LocationService location, B2bua b2bua, ActiveCalls active) {
        this.config = config;
        this.location = location;
        this.b2bua = b2bua;
        this.active = active;
    }

    /** Routes the call to a local number (extension or hunting group). */
    void route(Call call, String number) {
        var room = config.services().room(number);
        if (room.isPresent()) {
            b2bua.joinRoom(call, room.get());
            return;
        }
        var group = config.services().huntGroup(number);
        if (group.isPresent()) {
            hunt(call, group.get());
            return;
        }
        call.visited.add(number);
        call.callee = number;
        Services.Forwarding f = config.extension(number).map(ServerConfig.Extension::forward)
                .orElse(Services.Forwarding.NONE);
        if (f.unconditional() != null) {
            forward(call, number, f.unconditional(), "unconditional", Response.TEMPORARILY_UNAVAILABLE);
            return;
        }
        List<Binding> bindings = location.lookup(number);
        int seconds = f.noAnswer() != null ? f.noAnswerSeconds() : config.calls().noAnswerSeconds();
        if (bindings.isEmpty() || !b2bua.ringBindings(call, number, bindings, seconds)) {
            LOG.info("call {}: {} is not registered", call.id, number);
            stageFailed(call, Outcome.UNREACHABLE, Response.TEMPORARILY_UNAVAILABLE, "server", -1);
        }
    }

    /** The current ring stage ended without an answer. */
    void stageFailed(Call call, Outcome outcome, int status, String releasedBy, int cause) {
        LOG.info("call {}: {} did not take the call: {} {}{}", call.id, call.callee, status, outcome,
                call.redirectTo == null ? "" : " to " + call.redirectTo);
        if (call.replaces != null) {
            b2bua.finishUnanswered(call, status, releasedBy, cause); // no forwarding for a replacing INVITE
            return;
        }
        if (call.hunt != null) {
            if (outcome == Outcome.BUSY) {
                call.hunt.sawBusy = true;
            } else if (outcome == Outcome.NO_ANSWER) {
                call.hunt.sawRinging = true;
            }
            nextMember(call);
            return;
        }
        Services.Forwarding f = config.extension(call.callee).map(ServerConfig.Extension::forward)
                .orElse(Services.Forwarding.NONE);
        String target = switch (outcome) {
            case BUSY -> f.busy();
            case NO_ANSWER -> f.noAnswer();
            case UNREACHABLE -> f.unreachable();
            case REDIRECT -> call.redirectTo;
            case REJECTED -> null;
        };
        if (target == null) {
            b2bua.finishUnanswered(call, status, releasedBy, cause);
            return;
        }
        String reason = switch (outcome) {
            case BUSY -> "user-busy";
            case NO_ANSWER -> "no-answer";
            case UNREACHABLE -> "unavailable";
            default -> "deflection";
        };
        forward(call, call.callee, target, reason, status);
    }

    private void forward(Call call, String from, String to, String reason, int failStatus) {
        if (!config.isLocalNumber(to)) {
            LOG.info("call {}: {} redirected to {}, which is not a local number", call.id, from, to);
            b2bua.finishUnanswered(call, failStatus >= 400 ? failStatus : Response.NOT_FOUND, "server", -1);
            return;
        }
        if (call.visited.contains(to)) {
            LOG.info("call {}: forwarding loop {} -> {} (visited {})", call.id, from, to, call.visited);
            call.notes.add("forward-loop=" + from + ">" + to);
            b2bua.finishUnanswered(call, Response.LOOP_DETECTED, "server", -1);
            return;
        }
        if (call.hops >= config.calls().forwardHops()) {
            LOG.info("call {}: forwarding hop limit {} reached at {} -> {}", call.id, call.hops, from, to);
            call.notes.add("forward-hops-exceeded=" + from + ">" + to);
            b2bua.finishUnanswered(call, Response.TOO_MANY_HOPS, "server", -1);
            return;
        }
        call.hops++;
        call.notes.add("forward=" + from + ">" + to + ":" + reason);
        LOG.info("call {}: {} forwards to {} ({})", call.id, from, to, reason);
        call.diversions.add(0, "<sip:" + from + "@" + b2bua.hostFor(call) + ">;reason=" + reason + ";counter=1");
        b2bua.sendForwarded(call, from, to);
        route(call, to);
    }

    private void hunt(Call call, Services.HuntGroup g) {
        if (call.hunt != null || call.visited.contains(g.number())) {
            call.notes.add("forward-loop=" + g.number());
            b2bua.finishUnanswered(call, Response.LOOP_DETECTED, "server", -1);
            return;
        }
        call.visited.add(g.number());
        call.hunt = new HuntRun(g, huntOrder.order(g, this::registeredAt));
        call.notes.add("group=" + g.number());
        LOG.info("call {}: hunting group {} ({}) order {}", call.id, g.number(), g.policy(), call.hunt.order);
        nextMember(call);
    }

    private Instant registeredAt(String ext) {
        return location.lookup(ext).stream().map(Binding::registeredAt).min(Instant::compareTo).orElse(null);
    }

    private void nextMember(Call call) {
        HuntRun run = call.hunt;
        while (run.next < run.order.size()) {
            String member = run.order.get(run.next++);
            if (active.busy(member)) {
                LOG.info("call {}: group {} member {} is on a call, skipped", call.id, run.group.number(), member);
                run.sawBusy = true;
                continue;
            }
            List<Binding> bindings = location.lookup(member);
            if (bindings.isEmpty()) {
                continue;
            }
            if (b2bua.ringBindings(call, member, bindings, run.group.ringSeconds())) {
                return;
            }
        }
        int status = run.sawBusy ? Response.BUSY_HERE
                : run.sawRinging ? Response.REQUEST_TIMEOUT : Response.TEMPORARILY_UNAVAILABLE;
        LOG.info("call {}: no member of group {} took the call: {}", call.id, run.group.number(), status);
        call.callee = run.group.number();
        b2bua.finishUnanswered(call, status, "server", status == Response.REQUEST_TIMEOUT ? Q850.NO_ANSWER : -1);
    }

    /** A leg answered: remember the round-robin taker. */
    void answered(Call call, OutLeg leg) {
        if (call.hunt != null) {
            huntOrder.taken(call.hunt.group, leg.extension);
            call.notes.add("member=" + leg.extension);
        }
    }

    /** The number a 3xx points at (first Contact's user part), or null. */
    static String redirectTarget(Response r) {
        ContactHeader c = (ContactHeader) r.getHeader(ContactHeader.NAME);
        if (c == null || c.getAddress() == null) {
            return null;
        }
        URI uri = c.getAddress().getURI();
        return SipContext.userOf(uri);
    }
}
