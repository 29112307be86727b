package org.minisip.sip.stack;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.StrayResponses;
import java.net.InetAddress;
import javax.sip.SipStack;
import javax.sip.message.Response;

/**
 * JAIN-SIP message valve ({@code gov.nist.javax.sip.SIP_MESSAGE_VALVE}): every parsed request, on every
 * transport, goes through the {@link InboundGuard} before JAIN-SIP creates a transaction or sends anything
 * (no 100 Trying, no 503: with a valve installed JAIN-SIP drops refused stream requests silently too).
 * Responses from refused sources are dropped as well, and responses that no client transaction can own go to the
 * dialog layer through {@link StrayResponses} (without JAIN-SIP's scan of every transaction). Instantiated
 * reflectively; the guard comes from {@link StackHandoff}.
 */
public final class GuardValve implements SIPMessageValve {
    private volatile InboundGuard guard;

    @Override
    public void init(SipStack stack) {
        guard = lookup(stack);
    }

    private static InboundGuard lookup(Object stack) {
        String name = stack instanceof SipStackImpl s ? s.getStackName() : null;
        return StackHandoff.get(name).map(StackHandoff.Objects::guard).orElse(null);
    }

    private InboundGuard guard(MessageChannel ch) {
        InboundGuard g = guard;
        if (g == null) {
            g = lookup(ch.getSIPStack());
            guard = g != null ? g : InboundGuard.OPEN;
        }
        return guard;
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        InetAddress src = Addresses.literal(channel.getPeerAddress());
        if (src == null) {
            return true;
        }
        InboundGuard g = guard(channel);
        Transport t = Transport.parse(channel.getTransport());
        if (g.admitRequest(request, src, t)) {
            if (t.isStream()) {
                ConnectionGate gate = GuardedMessageProcessorFactory.gateOf(channel);
                if (gate != null) {
                    gate.requestSeen(channel);
                }
            }
            return true;
        }
        if (t.isStream() && !g.admitSource(src)) {
            channel.close();
        }
        return false;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        InetAddress src = Addresses.literal(channel.getPeerAddress());
        if (src != null && !guard(channel).admitSource(src)) {
            return false;
        }
        // a response no client transaction can own is handled here, without JAIN-SIP's scan of all of them
        return !(response instanceof SIPResponse r && StrayResponses.deliverIfStray(r, channel));
    }

    @Override
    public void destroy() {
    }
}
