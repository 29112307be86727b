package org.minisip.server.presence;

import gov.nist.javax.sip.RequestEventExt;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.server.config.ServerConfig;
import org.minisip.server.routing.CallStateListener;
import org.minisip.server.security.Authenticator;
import org.minisip.server.sip.ClientCallback;
import org.minisip.server.sip.Responder;
import org.minisip.server.sip.SipContext;
import org.minisip.server.trunk.InboundPolicy;
import org.minisip.sip.stack.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server as notifier (RFC 6665) for its extensions: {@code dialog} (RFC 4235, busy lamp field: which calls an
 * extension is in, fed by the B2BUA through {@link #callStates()}) and {@code message-summary} (RFC 3842, from a
 * {@link MailboxStatus}). A SUBSCRIBE is authenticated like a call (407); an unknown package gets 489 with
 * Allow-Events, an unknown extension 404, another extension's mailbox 403, an Expires under
 * {@value #MIN_EXPIRES} s 423; longer ones are cut to {@value #MAX_EXPIRES} s. The 200 is followed at once by a
 * NOTIFY with the full state, then one NOTIFY per change; a refresh (in-dialog SUBSCRIBE) re-authenticates and
 * gets a NOTIFY too, Expires: 0 or expiry ends it with a {@code terminated} NOTIFY. A NOTIFY answered with an error
 * or not answered ends the subscription.
 *
 * <p>Threads: SIP threads only authenticate and validate; subscription state, NOTIFY sending and expiry run on one
 * "presence" thread owned by this class, so SIP listener threads never wait on a NOTIFY.
 */
public final class Presence implements AutoCloseable {
    static final int MIN_EXPIRES = 60;
    static final int MAX_EXPIRES = 3600;
    static final int DEFAULT_EXPIRES = 3600;
    /** Subscriptions one extension may hold at once (a BLF panel of 64 keys). */
    static final int MAX_PER_SUBSCRIBER = 64;
    private static final Logger LOG = LoggerFactory.getLogger(Presence.class);

    private final ServerConfig config;
    private final SipContext ctx;
    private final Authenticator auth;
    private final Responder responder;
    private final MailboxStatus mailboxes;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final ExtensionDialogs dialogs;
    /** Presence thread only: live subscriptions by watched extension. */
    private final Map<String, List<Subscription>> byTarget = new HashMap<>();

    public Presence(ServerConfig config, SipContext ctx, Authenticator auth, Responder responder,
                    MailboxStatus mailboxes, Clock clock) {
        this.config = config;
        this.ctx = ctx;
        this.auth = auth;
        this.responder = responder;
        this.mailboxes = mailboxes;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "presence");
            t.setDaemon(true);
            return t;
        });
        this.dialogs = new ExtensionDialogs(this::run, this::extensionChanged);
    }

    /** What the B2BUA tells about calls; drives the {@code dialog} package. */
    public CallStateListener callStates() {
        return dialogs;
    }

    /** A voicemail changed {@code extension}'s mailbox: its message-summary subscribers get a NOTIFY. */
    public void mailboxChanged(String extension) {
        run(() -> forEach(extension, EventPackage.MESSAGE_SUMMARY, this::notifyActive));
    }

    /** A SUBSCRIBE outside any dialog (SIP thread). */
    public void onSubscribe(RequestEvent event, ServerTransaction st) {
        Request req = event.getRequest();
        RequestEventExt ext = (RequestEventExt) event;
        if (!InboundPolicy.localDomain(req.getRequestURI(), config.sip().domain())) {
            responder.respond(st, req, Response.FORBIDDEN, r -> InboundPolicy.phrase(r, "Relaying denied"));
            return;
        }
        Optional<String> user = auth.authenticate(req, st, true, ext.getRemoteIpAddress() + ":" + ext.getRemotePort());
        if (user.isEmpty()) {
            return;
        }
        String eventValue = SipContext.headerValue(req, "Event");
        Optional<EventPackage> pkg = EventPackage.of(eventValue);
        if (pkg.isEmpty()) {
            responder.respond(st, req, Response.BAD_EVENT, this::addAllowEvents);
            return;
        }
        String target = SipContext.userOf(req.getRequestURI());
        if (target == null || config.extension(target).isEmpty()) {
            responder.respond(st, req, Response.NOT_FOUND, null);
            return;
        }
        if (pkg.get() == EventPackage.MESSAGE_SUMMARY && !target.equals(user.get())) {
            responder.respond(st, req, Response.FORBIDDEN, r -> InboundPolicy.phrase(r, "Not your mailbox"));
            return;
        }
        if (!accepts(req, pkg.get())) {
            responder.respond(st, req, Response.NOT_ACCEPTABLE, null);
            return;
        }
        Integer granted = granted(req, st);
        if (granted == null || st == null || st.getDialog() == null) {
            if (granted != null) {
                responder.respond(st, req, Response.SERVER_INTERNAL_ERROR, null);
            }
            return;
        }
        Subscription s = new Subscription(this, st.getDialog(), pkg.get(), eventValue, target, user.get(),
                hostFacing(req));
        run(() -> accept(s, st, req, granted));
    }

    /** A request inside a subscription's dialog (SIP thread): refresh or unsubscribe. */
    void inDialog(Subscription s, RequestEvent event, ServerTransaction st) {
        Request req = event.getRequest();
        if (!Request.SUBSCRIBE.equals(req.getMethod())) {
            responder.respond(st, req, Response.METHOD_NOT_ALLOWED, r -> responder.addAllow(r));
            return;
        }
        RequestEventExt ext = (RequestEventExt) event;
        Optional<String> user = auth.authenticate(req, st, true, ext.getRemoteIpAddress() + ":" + ext.getRemotePort());
        if (user.isEmpty()) {
            return;
        }
        if (!user.get().equals(s.subscriber)) {
            responder.respond(st, req, Response.FORBIDDEN, null);
            return;
        }
        if (EventPackage.of(SipContext.headerValue(req, "Event")).orElse(null) != s.pkg) {
            responder.respond(st, req, Response.BAD_EVENT, this::addAllowEvents);
            return;
        }
        Integer granted = granted(req, st);
        if (granted != null) {
            run(() -> refresh(s, st, req, granted));
        }
    }

    // ---- presence thread ----

    private void accept(Subscription s, ServerTransaction st, Request req, int granted) {
        long mine = byTarget.values().stream().flatMap(List::stream).filter(x -> x.subscriber.equals(s.subscriber))
                .count();
        if (mine >= MAX_PER_SUBSCRIBER) {
            responder.respond(st, req, Response.FORBIDDEN, r -> InboundPolicy.phrase(r, "Too many subscriptions"));
            return;
        }
        if (!answer(st, req, granted)) {
            return;
        }
        if (granted == 0) {   // a fetch (RFC 6665 §4.4.3): one NOTIFY with the state, subscription over
            s.terminated = true;
            sendNotify(s, "terminated;reason=timeout");
            return;
        }
        s.dialog.setApplicationData(s);
        byTarget.computeIfAbsent(s.target, k -> new ArrayList<>()).add(s);
        schedule(s, granted);
        LOG.info("{} subscribed to {} of {} for {}s", s.subscriber, s.pkg.token(), s.target, granted);
        notifyActive(s);
    }

    private void refresh(Subscription s, ServerTransaction st, Request req, int granted) {
        if (s.terminated) {
            responder.respond(st, req, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        if (!answer(st, req, granted)) {
            return;
        }
        if (granted == 0) {
            LOG.info("{} unsubscribed from {} of {}", s.subscriber, s.pkg.token(), s.target);
            end(s, "terminated");
            return;
        }
        schedule(s, granted);
        notifyActive(s);
    }

    private boolean answer(ServerTransaction st, Request req, int granted) {
        Response ok = responder.create(req, Response.OK, null);
        try {
            ok.addHeader(ctx.endpoint().headers().createExpiresHeader(granted));
            ok.addHeader(contactFor(req));
        } catch (Exception e) {
            LOG.warn("building 200 for SUBSCRIBE: {}", e.toString());
            return false;
        }
        return responder.send(st, ok);
    }

    private void schedule(Subscription s, int seconds) {
        if (s.expiry != null) {
            s.expiry.cancel(false);
        }
        s.expiresAt = clock.instant().plusSeconds(seconds);
        s.expiry = thread.schedule(() -> {
            if (!s.terminated) {
                LOG.info("subscription of {} to {} of {} expired", s.subscriber, s.pkg.token(), s.target);
                end(s, "terminated;reason=timeout");
            }
        }, seconds, TimeUnit.SECONDS);
    }

    private void end(Subscription s, String state) {
        remove(s);
        sendNotify(s, state);
    }

    private void remove(Subscription s) {
        s.terminated = true;
        if (s.expiry != null) {
            s.expiry.cancel(false);
        }
        List<Subscription> list = byTarget.get(s.target);
        if (list != null) {
            list.remove(s);
            if (list.isEmpty()) {
                byTarget.remove(s.target);
            }
        }
    }

    private void extensionChanged(String ext) {
        forEach(ext, EventPackage.DIALOG, this::notifyActive);
    }

    private void forEach(String ext, EventPackage pkg, java.util.function.Consumer<Subscription> action) {
        for (Subscription s : List.copyOf(byTarget.getOrDefault(ext, List.of()))) {
            if (s.pkg == pkg) {
                action.accept(s);
            }
        }
    }

    private void notifyActive(Subscription s) {
        long left = Math.max(0, Duration.between(clock.instant(), s.expiresAt).toSeconds());
        sendNotify(s, "active;expires=" + left);
    }

    private void sendNotify(Subscription s, String state) {
        String body = switch (s.pkg) {
            case DIALOG -> DialogInfoXml.document(s.targetUri(), s.version++, dialogs.report(s.target), s.host);
            case MESSAGE_SUMMARY -> MessageSummary.body(mailboxes.counts(s.target), s.targetUri());
        };
        try {
            Request n = s.dialog.createRequest(Request.NOTIFY);
            n.addHeader(responder.header("Event", s.event));
            n.addHeader(responder.header("Subscription-State", state));
            if (n.getHeader(ContactHeader.NAME) == null) {
                n.addHeader(contactFor(n));
            }
            n.setContent(body.getBytes(StandardCharsets.UTF_8),
                    ctx.endpoint().headers().createContentTypeHeader(s.pkg.type(), s.pkg.subtype()));
            ClientTransaction ct = ctx.endpoint().provider().getNewClientTransaction(n);
            ct.setApplicationData(new NotifyOutcome(s));
            s.dialog.sendRequest(ct);
        } catch (Exception e) {
            LOG.info("NOTIFY {} of {} to {} failed: {}", s.pkg.token(), s.target, s.subscriber, e.toString());
            remove(s);
            deleteDialog(s);
        }
    }

    /** The subscriber's answer to one NOTIFY (SIP thread → presence thread). */
    private final class NotifyOutcome implements ClientCallback {
        private final Subscription s;

        NotifyOutcome(Subscription s) {
            this.s = s;
        }

        @Override
        public void onResponse(ResponseEvent event) {
            int code = event.getResponse().getStatusCode();
            if (code < 200) {
                return;
            }
            run(() -> {
                if (code >= 300 && !s.terminated) {
                    LOG.info("NOTIFY to {} answered {}: subscription to {} of {} ends", s.subscriber, code,
                            s.pkg.token(), s.target);
                    remove(s);
                }
                if (s.terminated) {
                    deleteDialog(s);
                }
            });
        }

        @Override
        public void onTimeout() {
            run(() -> {
                if (!s.terminated) {
                    LOG.info("NOTIFY to {} not answered: subscription to {} of {} ends", s.subscriber,
                            s.pkg.token(), s.target);
                }
                remove(s);
                deleteDialog(s);
            });
        }
    }

    private static void deleteDialog(Subscription s) {
        try {
            s.dialog.delete();
        } catch (RuntimeException e) {
            LOG.debug("dialog delete: {}", e.toString());
        }
    }

    // ---- helpers (any thread) ----

    /** Granted expiry, or null after answering 423 / 400 itself. */
    private Integer granted(Request req, ServerTransaction st) {
        ExpiresHeader h = (ExpiresHeader) req.getHeader(ExpiresHeader.NAME);
        int asked = h == null ? DEFAULT_EXPIRES : h.getExpires();
        if (asked < 0) {
            responder.respond(st, req, Response.BAD_REQUEST, null);
            return null;
        }
        if (asked > 0 && asked < MIN_EXPIRES) {
            responder.respond(st, req, Response.INTERVAL_TOO_BRIEF,
                    r -> r.addHeader(responder.header("Min-Expires", Integer.toString(MIN_EXPIRES))));
            return null;
        }
        return Math.min(asked, MAX_EXPIRES);
    }

    /** RFC 6665 §4.2.1.1: an Accept header that leaves out the package's body type gets 406. */
    private static boolean accepts(Request req, EventPackage pkg) {
        var it = req.getHeaders("Accept");
        if (it == null || !it.hasNext()) {
            return true;
        }
        while (it.hasNext()) {
            String v = ((gov.nist.javax.sip.header.SIPHeader) it.next()).getHeaderValue().toLowerCase();
            for (String range : v.split(",")) {
                String r = range.split(";", 2)[0].trim();
                if (r.equals(pkg.mediaType()) || r.equals("*/*") || r.equals(pkg.type() + "/*") || r.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Adds one Allow-Events header per package (JAIN-SIP keeps them as a list). */
    private void addAllowEvents(Response r) {
        for (EventPackage p : EventPackage.values()) {
            r.addHeader(responder.header("Allow-Events", p.token()));
        }
    }

    private String hostFacing(Request req) {
        if (config.sip().domain() != null) {
            return config.sip().domain();
        }
        ViaHeader via = (ViaHeader) req.getHeader(ViaHeader.NAME);
        return SipContext.uriHost(ctx.localAddressTowards(via.getReceived() != null ? via.getReceived()
                : via.getHost()));
    }

    /** The server's Contact for a subscription dialog: same transport, the address facing the subscriber. */
    private ContactHeader contactFor(javax.sip.message.Message m) throws java.text.ParseException {
        Transport t = Transport.UDP;
        String peer = "127.0.0.1";
        if (m instanceof Request r && r.getHeader(ViaHeader.NAME) instanceof ViaHeader via
                && !Request.NOTIFY.equals(r.getMethod())) {
            t = Transport.parse(via.getTransport());
            peer = via.getReceived() != null ? via.getReceived() : via.getHost();
        } else if (m instanceof Request r && r.getRequestURI() instanceof SipURI uri) {
            t = uri.getTransportParam() == null ? Transport.UDP : Transport.parse(uri.getTransportParam());
            peer = uri.getHost();
        }
        t = ctx.available(t);
        SipURI uri = ctx.endpoint().addresses().createSipURI("presence",
                SipContext.uriHost(ctx.localAddressTowards(peer.replace("[", "").replace("]", ""))));
        uri.setPort(ctx.endpoint().port(t));
        if (t != Transport.UDP) {
            uri.setTransportParam(t.token());
        }
        return ctx.endpoint().headers().createContactHeader(ctx.endpoint().addresses().createAddress(uri));
    }

    private void run(Runnable r) {
        try {
            thread.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("presence: {}", e.toString(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("presence stopped");
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
