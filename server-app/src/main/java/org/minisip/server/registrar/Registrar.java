package org.minisip.server.registrar;

import gov.nist.javax.sip.RequestEventExt;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.server.config.ServerConfig;
import org.minisip.server.location.Binding;
import org.minisip.server.location.LocationService;
import org.minisip.server.location.RegistrationStore;
import org.minisip.server.security.Authenticator;
import org.minisip.server.sip.Responder;
import org.minisip.server.sip.SipContext;
import org.minisip.sip.stack.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REGISTER processing (RFC 3261 §10.3): digest auth, several contacts per AOR, expiry bounds with 423,
 * {@code *} / {@code Expires: 0} removal, Call-ID/CSeq ordering, and the full binding list in the 200.
 * The source address, port and transport of each REGISTER are kept so requests reach phones behind NAT and
 * over the very TCP/TLS connection they registered on.
 */
public final class Registrar {
    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);
    private final ServerConfig config;
    private final LocationService location;
    private final Authenticator auth;
    private final Responder responder;
    private final Clock clock;
    private final java.util.function.Consumer<String> onNewContact;
    private final RegistrationStore store;

    /**
     * @param store        persists the bindings; the 200 is sent once a change is written
     * @param onNewContact told (on the store's writer thread, after the 200 was sent) when an extension registered a
     *                     contact it did not have, e.g. to deliver stored messages; must not block
     */
    public Registrar(ServerConfig config, LocationService location, Authenticator auth, Responder responder,
                     Clock clock, RegistrationStore store, java.util.function.Consumer<String> onNewContact) {
        this.config = config;
        this.location = location;
        this.auth = auth;
        this.responder = responder;
        this.clock = clock;
        this.onNewContact = onNewContact;
        this.store = store;
    }

    /** Handles one REGISTER on a SIP thread; always answers. */
    public void register(RequestEvent event, ServerTransaction st) {
        Request req = event.getRequest();
        RequestEventExt ext = (RequestEventExt) event;
        String source = ext.getRemoteIpAddress() + ":" + ext.getRemotePort();
        if (config.sip().domain() != null && req.getRequestURI() instanceof SipURI ru
                && !config.sip().domain().equalsIgnoreCase(ru.getHost())) {
            responder.respond(st, req, Response.NOT_FOUND, null);
            return;
        }
        ToHeader to = (ToHeader) req.getHeader(ToHeader.NAME);
        String aorUser = SipContext.userOf(to.getAddress().getURI());
        Optional<String> user = auth.authenticate(req, st, false, source);
        if (user.isEmpty()) {
            return;
        }
        if (!user.get().equals(aorUser)) {
            LOG.info("{} authenticated as {} but tried to register {}", source, user.get(), aorUser);
            responder.respond(st, req, Response.FORBIDDEN, null);
            return;
        }
        List<ContactHeader> contacts = contacts(req);
        ExpiresHeader expiresHeader = req.getExpires();
        String callId = ((CallIdHeader) req.getHeader(CallIdHeader.NAME)).getCallId();
        long cseq = ((CSeqHeader) req.getHeader(CSeqHeader.NAME)).getSeqNumber();
        if (contacts.stream().anyMatch(ContactHeader::isWildCard)) {
            if (contacts.size() != 1 || expiresHeader == null || expiresHeader.getExpires() != 0) {
                responder.respond(st, req, Response.BAD_REQUEST, null);
                return;
            }
            location.removeAll(aorUser);
            LOG.info("{} unregistered all contacts from {}", aorUser, source);
            store.saveThen(aorUser, () -> answer(st, req, aorUser));
            return;
        }
        int minExpires = config.registrar().minExpires();
        for (ContactHeader c : contacts) {
            int exp = requestedExpires(c, expiresHeader);
            if (exp > 0 && exp < minExpires) {
                responder.respond(st, req, Response.INTERVAL_TOO_BRIEF,
                        r -> r.addHeader(responder.header("Min-Expires", Integer.toString(minExpires))));
                return;
            }
        }
        Instant now = clock.instant();
        Transport transport = Transport.parse(((ViaHeader) req.getHeader(ViaHeader.NAME)).getTransport());
        UserAgentHeader ua = (UserAgentHeader) req.getHeader(UserAgentHeader.NAME);
        boolean added = false;
        String uaText = ua == null ? "" : String.join(" ", castList(ua.getProduct()));
        for (ContactHeader c : contacts) {
            String uri = c.getAddress().getURI().toString();
            Optional<Binding> existing = location.find(aorUser, uri);
            if (existing.isPresent() && existing.get().callId().equals(callId) && existing.get().cseq() >= cseq) {
                responder.respond(st, req, Response.SERVER_INTERNAL_ERROR, null);
                return;
            }
            int exp = Math.min(requestedExpires(c, expiresHeader), config.registrar().maxExpires());
            if (exp == 0) {
                location.remove(aorUser, uri);
                LOG.info("{} unregistered {}", aorUser, uri);
            } else {
                location.put(new Binding(aorUser, uri, ext.getRemoteIpAddress(), ext.getRemotePort(), transport,
                        callId, cseq, now, now.plusSeconds(exp), uaText));
                if (existing.isEmpty()) {
                    LOG.info("{} registered {} via {} from {} for {}s", aorUser, uri, transport, source, exp);
                    added = true;
                }
            }
        }
        // the 200 goes out once the change is on disk (written off this thread): a registration the phone was
        // told about survives a kill -9 of the server
        boolean isNew = added;
        store.saveThen(aorUser, () -> {
            answer(st, req, aorUser);
            if (isNew) {
                onNewContact.accept(aorUser);
            }
        });
    }

    private int requestedExpires(ContactHeader c, ExpiresHeader header) {
        int exp = c.getExpires();
        if (exp < 0) {
            exp = header != null ? header.getExpires() : config.registrar().defaultExpires();
        }
        return exp;
    }

    private void answer(ServerTransaction st, Request req, String aor) {
        Instant now = clock.instant();
        responder.respond(st, req, Response.OK, r -> {
            for (Binding b : location.lookup(aor)) {
                r.addHeader(responder.header("Contact", "<" + b.contactUri() + ">;expires=" + b.secondsLeft(now)));
            }
            r.addHeader(responder.header("Date", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(java.time.ZonedDateTime.now(clock.withZone(java.time.ZoneOffset.UTC)))));
        });
    }

    private static List<ContactHeader> contacts(Request req) {
        List<ContactHeader> list = new ArrayList<>();
        ListIterator<Header> it = req.getHeaders(ContactHeader.NAME);
        while (it != null && it.hasNext()) {
            list.add((ContactHeader) it.next());
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(java.util.ListIterator<?> it) {
        List<String> out = new ArrayList<>();
        while (it != null && it.hasNext()) {
            out.add(String.valueOf(it.next()));
        }
        return out;
    }
}
