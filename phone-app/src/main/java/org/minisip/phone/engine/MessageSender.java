package org.minisip.phone.engine;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import javax.sip.ResponseEvent;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one instant message (SIP MESSAGE outside any dialog, RFC 3428) and publishes its outcome; answers one
 * digest challenge. Engine thread only.
 */
final class MessageSender implements ResponseHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MessageSender.class);

    private final SipSupport sip;
    private final PhoneConfig config;
    private final Consumer<PhoneEvent> events;
    private final String id;
    private Request request;
    private boolean challenged;
    private boolean done;

    MessageSender(SipSupport sip, PhoneConfig config, Consumer<PhoneEvent> events, String id) {
        this.sip = sip;
        this.config = config;
        this.events = events;
        this.id = id;
    }

    void send(String targetUri, String text) {
        try {
            URI uri = sip.addresses().createURI(targetUri);
            Address to = sip.addresses().createAddress(uri);
            AccountUri acc = config.account();
            Address from = sip.addresses().createAddress(acc != null ? acc.aor()
                    : sip.contactUri().replaceAll(";.*", ""));
            request = sip.newRequest(Request.MESSAGE, uri, from, sip.newTag(), to, id, 1);
            ContentTypeHeader ct = sip.headers().createContentTypeHeader("text", "plain");
            ct.setParameter("charset", "UTF-8");
            request.setContent(text.getBytes(StandardCharsets.UTF_8), ct);
            sip.send(request, this);
        } catch (Exception e) {
            LOG.warn("cannot send message to {}: {}", targetUri, e.toString());
            finish(400, "Bad Request");
        }
    }

    @Override
    public void onResponse(ResponseEvent event) {
        Response r = event.getResponse();
        int status = r.getStatusCode();
        if (status < 200 || done) {
            return;
        }
        if (SipSupport.isChallenge(r) && !challenged) {
            challenged = true;
            try {
                request = sip.authorized(request, r);
                sip.send(request, this);
                return;
            } catch (Exception e) {
                LOG.warn("cannot answer MESSAGE challenge: {}", e.toString());
            }
        }
        finish(status, SipSupport.reason(r));
    }

    @Override
    public void onTimeout() {
        finish(408, "Request Timeout");
    }

    @Override
    public void onTransportError(String message) {
        finish(503, "Service Unavailable");
    }

    private void finish(int status, String reason) {
        if (!done) {
            done = true;
            events.accept(new PhoneEvent.MessageResult(id, status, reason));
        }
    }
}
