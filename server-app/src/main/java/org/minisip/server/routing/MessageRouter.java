package org.minisip.server.routing;

import gov.nist.javax.sip.RequestEventExt;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.server.config.ServerConfig;
import org.minisip.server.location.Binding;
import org.minisip.server.location.LocationService;
import org.minisip.server.security.Authenticator;
import org.minisip.server.sip.Responder;
import org.minisip.server.sip.SipContext;
import org.minisip.server.sip.Tags;
import org.minisip.server.trunk.InboundPolicy;
import org.minisip.sip.stack.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instant messages between extensions (SIP MESSAGE, RFC 3428) through the server: the sender is authenticated
 * (407) like a caller; a registered recipient gets the message at its most recently registered contact and the
 * sender gets that contact's final answer; for an extension with no contact (or whose contact does not answer) the
 * message is stored ({@link MessageStore}: on disk before the sender gets 202 Accepted, so a restart loses
 * nothing) and stored messages go out, oldest first, when the extension registers a new contact; each leaves the
 * store once the phone answered 2xx. Runs on SIP threads; never blocks.
 */
public final class MessageRouter {
    private static final int MAX_BODY = 8192;
    private static final Logger LOG = LoggerFactory.getLogger(MessageRouter.class);

    private final ServerConfig config;
    private final SipContext ctx;
    private final LocationService location;
    private final Authenticator auth;
    private final Responder responder;
    private final Clock clock;
    private final MessageStore store;

    /** A message on its way to (or waiting for) {@code to}. */
    record Stored(String from, String to, byte[] body, String contentType, Instant received) {
    }

    /** Application data of the client transaction that delivers one message; {@code sender} null when stored. */
    record Delivery(Stored message, ServerTransaction sender, Request original) {
    }

    public MessageRouter(ServerConfig config, SipContext ctx, LocationService location, Authenticator auth,
                         Responder responder, Clock clock, java.nio.file.Path storeFile,
                         org.minisip.server.store.StoreWriter writer) {
        this.config = config;
        this.ctx = ctx;
        this.location = location;
        this.auth = auth;
        this.responder = responder;
        this.clock = clock;
        this.store = new MessageStore(storeFile, writer);
        store.load();
    }

    /** An out-of-dialog MESSAGE. */
    public void onMessage(RequestEvent event, ServerTransaction st) {
        Request req = event.getRequest();
        RequestEventExt ext = (RequestEventExt) event;
        String source = ext.getRemoteIpAddress() + ":" + ext.getRemotePort();
        if (!InboundPolicy.localDomain(req.getRequestURI(), config.sip().domain())) {
            responder.respond(st, req, Response.FORBIDDEN, r -> InboundPolicy.phrase(r, "Relaying denied"));
            return;
        }
        Optional<String> from = auth.authenticate(req, st, true, source);
        if (from.isEmpty()) {
            return;
        }
        String to = SipContext.userOf(req.getRequestURI());
        if (to == null || !config.isLocalNumber(to) || config.extension(to).isEmpty()) {
            responder.respond(st, req, Response.NOT_FOUND, null);
            return;
        }
        byte[] body = req.getRawContent();
        ContentTypeHeader ct = (ContentTypeHeader) req.getHeader(ContentTypeHeader.NAME);
        if (body == null || body.length == 0 || ct == null) {
            responder.respond(st, req, Response.BAD_REQUEST, r -> InboundPolicy.phrase(r, "Empty message"));
            return;
        }
        if (body.length > MAX_BODY) {
            responder.respond(st, req, Response.MESSAGE_TOO_LARGE, null);
            return;
        }
        Stored m = new Stored(from.get(), to, body.clone(), ct.getContentType() + "/" + ct.getContentSubType()
                + (ct.getParameter("charset") != null ? ";charset=" + ct.getParameter("charset") : ""),
                clock.instant());
        Optional<Binding> target = newest(to);
        if (target.isEmpty() || !send(new Delivery(m, st, req), target.get())) {
            store.keep(m, () -> responder.respond(st, req, Response.ACCEPTED, null));
        }
    }

    /** An extension registered a new contact: sends what was stored for it. */
    public void onRegistered(String ext) {
        List<Stored> pending = store.startDelivery(ext);
        if (pending.isEmpty()) {
            return;
        }
        Optional<Binding> target = newest(ext);
        for (Stored m : pending) {
            if (target.isEmpty() || !send(new Delivery(m, null, null), target.get())) {
                store.notDelivered(m);
            }
        }
        LOG.info("{} registered: delivering {} stored message(s)", ext, pending.size());
    }

    /** The recipient's contact answered (final responses only matter). */
    public void onResponse(ResponseEvent event, Delivery d) {
        int code = event.getResponse().getStatusCode();
        if (code < 200) {
            return;
        }
        if (code < 300) {
            if (d.sender() != null) {
                responder.respond(d.sender(), d.original(), code, null);
            } else {
                store.delivered(d.message());
            }
            LOG.info("message from {} delivered to {}", d.message().from(), d.message().to());
            return;
        }
        failed(d, code);
    }

    public void onTimeout(Delivery d) {
        failed(d, Response.REQUEST_TIMEOUT);
    }

    private void failed(Delivery d, int code) {
        LOG.info("message from {} to {} not taken ({}); stored", d.message().from(), d.message().to(), code);
        if (d.sender() != null) {
            store.keep(d.message(), () -> responder.respond(d.sender(), d.original(), Response.ACCEPTED, null));
        } else {
            store.notDelivered(d.message());
        }
    }

    private Optional<Binding> newest(String ext) {
        return location.lookup(ext).stream().max(java.util.Comparator.comparing(Binding::registeredAt));
    }

    /** Sends {@code d}'s message to binding {@code b}; false when it could not even be sent. */
    private boolean send(Delivery d, Binding b) {
        try {
            AddressFactory af = ctx.endpoint().addresses();
            HeaderFactory hf = ctx.endpoint().headers();
            Transport t = ctx.available(b.transport());
            String local = ctx.localAddressTowards(b.sourceHost());
            String host = config.sip().domain() != null ? config.sip().domain() : SipContext.uriHost(local);
            Address from = af.createAddress(af.createSipURI(d.message().from(), host));
            config.extension(d.message().from()).map(ServerConfig.Extension::displayName)
                    .ifPresent(n -> setDisplay(from, n));
            Address to = af.createAddress(af.createSipURI(d.message().to(), host));
            ViaHeader via = hf.createViaHeader(local, ctx.endpoint().port(t), t.token(), null);
            via.setRPort();
            Request r = ctx.endpoint().messages().createRequest(af.createURI(b.contactUri()), Request.MESSAGE,
                    ctx.endpoint().provider().getNewCallId(), hf.createCSeqHeader(1L, Request.MESSAGE),
                    hf.createFromHeader(from, Tags.newTag()), hf.createToHeader(to, null), List.of(via),
                    hf.createMaxForwardsHeader(70));
            String[] type = d.message().contentType().split("[/;]", 3);
            ContentTypeHeader ct = hf.createContentTypeHeader(type[0], type.length > 1 ? type[1] : "plain");
            if (d.message().contentType().contains(";charset=")) {
                ct.setParameter("charset", d.message().contentType().replaceAll(".*;charset=", ""));
            }
            r.setContent(d.message().body(), ct);
            r.addHeader(hf.createHeader("Date", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(d.message().received().atZone(java.time.ZoneOffset.UTC))));
            ClientTransaction ct2 = ctx.endpoint().provider().getNewClientTransaction(r);
            ct2.setApplicationData(d);
            ct2.sendRequest();
            return true;
        } catch (Exception e) {
            LOG.info("cannot send message to {} at {}: {}", d.message().to(), b.contactUri(), e.toString());
            return false;
        }
    }

    private static void setDisplay(Address a, String name) {
        try {
            a.setDisplayName(name);
        } catch (java.text.ParseException e) {
            // keep it without a display name
        }
    }
}
