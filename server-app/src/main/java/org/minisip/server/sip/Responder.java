package org.minisip.server.sip;

import java.text.ParseException;
import java.util.function.Consumer;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and sends responses; never throws to the SIP listener (a failure to send is logged and dropped, the
 * client's retransmission or timeout takes over).
 */
public final class Responder {
    private static final Logger LOG = LoggerFactory.getLogger(Responder.class);
    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private static final java.util.List<String> SERVER_PRODUCT = java.util.List.of(SipContext.SERVER_NAME);

    public Responder(SipContext ctx) {
        this.provider = ctx.endpoint().provider();
        this.messages = ctx.endpoint().messages();
        this.headers = ctx.endpoint().headers();
    }

    /** Creates a header from name and value; IllegalArgumentException when the value does not parse. */
    public Header header(String name, String value) {
        try {
            return headers.createHeader(name, value);
        } catch (ParseException e) {
            throw new IllegalArgumentException(name + ": " + value, e);
        }
    }

    /** Adds the Allow headers of the methods we implement. */
    public void addAllow(javax.sip.message.Message m) {
        SipContext.addAllow(headers, m);
    }

    /** A response to {@code request} with the Server header and, for non-100 responses, a To tag. */
    public Response create(Request request, int code, String toTag) {
        try {
            Response r = messages.createResponse(code, request);
            r.addHeader(headers.createServerHeader(SERVER_PRODUCT));   // built, not parsed from text
            ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
            if (code > 100 && to.getTag() == null) {
                to.setTag(toTag != null ? toTag : Tags.newTag());
            }
            return r;
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a response through {@code st} (statelessly when null). {@code customizer} may add headers or a
     * body. Returns false when sending failed.
     */
    public boolean respond(ServerTransaction st, Request request, int code, Consumer<Response> customizer) {
        try {
            Response r = create(request, code, null);
            if (customizer != null) {
                customizer.accept(r);
            }
            return send(st, r);
        } catch (RuntimeException e) {
            LOG.warn("cannot answer {} with {}: {}", request.getMethod(), code, e.toString());
            return false;
        }
    }

    public boolean send(ServerTransaction st, Response r) {
        try {
            if (st != null) {
                st.sendResponse(r);
            } else {
                provider.sendResponse(r);
            }
            return true;
        } catch (Exception e) {
            LOG.debug("sending {} failed: {}", r.getStatusCode(), e.toString());
            return false;
        }
    }
}
