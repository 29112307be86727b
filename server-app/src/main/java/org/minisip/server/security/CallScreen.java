package org.minisip.server.security;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.Address;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.server.sip.Responder;
import org.minisip.server.sip.ServerListener;
import org.minisip.server.sip.SipContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caller/called blacklist in front of call routing: a new INVITE matching a {@link CallRule} is refused with
 * 403 (in the rule's percentage of cases) before authentication or routing; everything else passes to the
 * wrapped handlers unchanged. Runs on SIP threads, CPU only.
 */
public final class CallScreen implements ServerListener.Handlers {
    private static final Logger LOG = LoggerFactory.getLogger(CallScreen.class);
    private final ServerListener.Handlers next;
    private final List<CallRule> rules;
    private final Responder responder;

    public CallScreen(ServerListener.Handlers next, List<CallRule> rules, Responder responder) {
        this.next = next;
        this.rules = List.copyOf(rules);
        this.responder = responder;
    }

    /** The first rule that refuses this INVITE (rate applied), if any. */
    Optional<CallRule> refusing(Request invite) {
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        Address from = ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress();
        String callerUser = SipContext.userOf(from.getURI());
        String display = from.getDisplayName();
        String called = SipContext.userOf(invite.getRequestURI());
        for (CallRule r : rules) {
            if (r.matches(callerUser, display, called)
                    && (r.ratePercent() >= 100 || ThreadLocalRandom.current().nextInt(100) < r.ratePercent())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    @Override
    public void invite(RequestEvent e, ServerTransaction st) {
        Optional<CallRule> rule = refusing(e.getRequest());
        if (rule.isPresent()) {
            Request req = e.getRequest();
            LOG.info("call from {} to {} refused by blacklist rule {}",
                    ((FromHeader) req.getHeader(FromHeader.NAME)).getAddress(), req.getRequestURI(), rule.get());
            responder.respond(st, req, Response.FORBIDDEN, null);
            return;
        }
        next.invite(e, st);
    }

    @Override public void register(RequestEvent e, ServerTransaction st) { next.register(e, st); }
    @Override public void inDialog(RequestEvent e, ServerTransaction st) { next.inDialog(e, st); }
    @Override public void ack(RequestEvent e) { next.ack(e); }
    @Override public void cancel(RequestEvent e, ServerTransaction st) { next.cancel(e, st); }
    @Override public void outOfDialog(RequestEvent e, ServerTransaction st) { next.outOfDialog(e, st); }
    @Override public void response(ResponseEvent e) { next.response(e); }
    @Override public void timeout(ClientTransaction ct) { next.timeout(ct); }
}
