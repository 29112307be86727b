package org.minisip.sip.stack;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.DefaultRouter;
import java.util.Optional;
import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.message.Request;

/**
 * JAIN-SIP router that asks the stack's {@link NextHopResolver} first (for requests without Route headers) and
 * otherwise behaves like the default router (Route header, outbound proxy, Request-URI).
 * JAIN-SIP instantiates routers reflectively; the resolver comes from {@link StackHandoff}.
 */
public final class ResolvingRouter extends DefaultRouter {
    private final NextHopResolver resolver;

    public ResolvingRouter(SipStack stack, String outboundProxy) {
        super(stack, outboundProxy);
        NextHopResolver r = StackHandoff.get(((SipStackImpl) stack).getStackName())
                .map(StackHandoff.Objects::resolver).orElse(null);
        this.resolver = r != null ? r : req -> Optional.empty();
    }

    @Override
    public Hop getNextHop(Request request) throws SipException {
        if (request.getHeader("Route") == null) {
            Optional<Hop> hop = resolver.nextHop(request);
            if (hop.isPresent()) {
                return hop.get();
            }
        }
        return super.getNextHop(request);
    }
}
