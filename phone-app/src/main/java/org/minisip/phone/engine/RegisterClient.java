package org.minisip.phone.engine;

import java.util.ListIterator;
import java.util.function.Consumer;
import javax.sip.ResponseEvent;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.MinExpiresHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.phone.engine.RegisterSender.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REGISTER over SIP (RFC 3261 §10.2) for one account: one Call-ID for all registrations of this run, CSeq counting
 * up, digest answers to 401/407 (retried once more when the server says the nonce was stale), and the granted
 * lifetime read from our Contact's {@code expires} parameter or the Expires header. Engine thread only.
 *
 * <p>Behind NAT (RFC 3581): when a 2xx's Via {@code received}/{@code rport} show an address other than our
 * Contact's, the REGISTER is sent again at once with the public address in Contact and the old Contact removed
 * ({@code ;expires=0}) in the same request; only that second answer is reported. At most two such rounds.
 */
final class RegisterClient implements RegisterSender {
    private static final Logger LOG = LoggerFactory.getLogger(RegisterClient.class);

    private final SipSupport sip;
    private final AccountUri account;
    private final String callId;
    private final String fromTag;
    private long cseq = 1;
    /** The Contact of our last successful registration, or null. */
    private String registeredContact;

    RegisterClient(SipSupport sip, AccountUri account) {
        this.sip = sip;
        this.account = account;
        this.callId = sip.newCallId();
        this.fromTag = sip.newTag();
    }

    @Override
    public void send(int expires, Consumer<Outcome> done) {
        try {
            String mine = sip.contactUri();
            String stale = registeredContact != null && !sameBinding(registeredContact, mine) ? registeredContact
                    : null;
            Request r = build(expires, stale);
            sip.send(r, new Handler(r, expires, done));
        } catch (Exception e) {
            LOG.warn("cannot build REGISTER: {}", e.toString());
            done.accept(new Outcome.Failed(500, "Internal Error"));
        }
    }

    /** A REGISTER for our current Contact; {@code removeContact}, when given, is removed in the same request. */
    private Request build(int expires, String removeContact) throws Exception {
        URI ruri = sip.addresses().createURI("sip:" + account.domain());
        Address aor = sip.addresses().createAddress(account.aor());
        Request r = sip.newRequest(Request.REGISTER, ruri, aor, fromTag, aor, callId, cseq++);
        r.addHeader(sip.headers().createExpiresHeader(expires));
        if (removeContact != null) {
            ContactHeader old = sip.headers().createContactHeader(sip.addresses().createAddress(removeContact));
            old.setExpires(0);
            r.addHeader(old);
        }
        return r;
    }

    /** Responses to one REGISTER and its authenticated re-sends. */
    private final class Handler implements ResponseHandler {
        private Request sent;
        private final int expires;
        private final Consumer<Outcome> done;
        private int challenges;
        private int rewrites;

        Handler(Request sent, int expires, Consumer<Outcome> done) {
            this.sent = sent;
            this.expires = expires;
            this.done = done;
        }

        @Override
        public void onResponse(ResponseEvent event) {
            Response resp = event.getResponse();
            int status = resp.getStatusCode();
            if (status < 200) {
                return;
            }
            if (SipSupport.isChallenge(resp) && (challenges == 0 || (challenges < 3 && SipSupport.isStale(resp)))) {
                challenges++;
                try {
                    sent = sip.authorized(sent, resp);
                    cseq = Math.max(cseq, ((javax.sip.header.CSeqHeader) sent.getHeader("CSeq")).getSeqNumber() + 1);
                    sip.send(sent, this);
                } catch (Exception e) {
                    LOG.warn("cannot answer REGISTER challenge: {}", e.toString());
                    done.accept(new Outcome.Failed(status, SipSupport.reason(resp)));
                }
                return;
            }
            if (status == Response.INTERVAL_TOO_BRIEF) {
                MinExpiresHeader min = (MinExpiresHeader) resp.getHeader(MinExpiresHeader.NAME);
                done.accept(min != null ? new Outcome.TooBrief(min.getExpires())
                        : new Outcome.Failed(status, SipSupport.reason(resp)));
            } else if (status >= 300) {
                done.accept(new Outcome.Failed(status, SipSupport.reason(resp)));
            } else if (!publicAddressChanged(resp)) {
                registeredContact = expires > 0 ? sip.contactUri() : null;
                done.accept(new Outcome.Ok(granted(resp)));
            }
        }

        /** RFC 3581: re-registers with the public address when the registrar saw another one; true when sent. */
        private boolean publicAddressChanged(Response resp) {
            String before = sip.contactUri();
            if (expires <= 0 || rewrites >= 2 || !sip.learnPublicAddress(resp)) {
                return false;
            }
            rewrites++;
            LOG.info("registrar sees us at {}; registering Contact {} instead of {}", sip.publicAddress(),
                    sip.contactUri(), before);
            try {
                sent = build(expires, before);
                challenges = 0;
                sip.send(sent, this);
                return true;
            } catch (Exception e) {
                LOG.warn("cannot re-register with the public address: {}", e.toString());
                return false;
            }
        }

        private int granted(Response resp) {
            String mine = sip.contactUri();
            int onlyContact = -1;
            int contacts = 0;
            ListIterator<?> it = resp.getHeaders(ContactHeader.NAME);
            while (it != null && it.hasNext()) {
                ContactHeader c = (ContactHeader) it.next();
                contacts++;
                onlyContact = c.getExpires();
                if (c.getExpires() >= 0 && sameBinding(c.getAddress().getURI().toString(), mine)) {
                    return c.getExpires();
                }
            }
            ExpiresHeader e = (ExpiresHeader) resp.getHeader(ExpiresHeader.NAME);
            if (e != null) {
                return e.getExpires();
            }
            // a registrar that rewrote our Contact (e.g. with the address it saw) still grants the one binding
            return contacts == 1 && onlyContact >= 0 ? onlyContact : expires;
        }

        @Override
        public void onTimeout() {
            done.accept(new Outcome.Failed(408, "Request Timeout"));
        }

        @Override
        public void onTransportError(String message) {
            LOG.warn("REGISTER not sent: {}", message);
            done.accept(new Outcome.Failed(503, "Service Unavailable"));
        }
    }

    /** Compares contact URIs by user, host and port, ignoring parameters and case (RFC 3261 §19.1.4 loosely). */
    static boolean sameBinding(String a, String b) {
        return stripParams(a).equalsIgnoreCase(stripParams(b));
    }

    private static String stripParams(String uri) {
        String u = uri.startsWith("<") ? uri.substring(1) : uri;
        int semi = u.indexOf(';');
        int gt = u.indexOf('>');
        int end = semi >= 0 ? semi : (gt >= 0 ? gt : u.length());
        return u.substring(0, end);
    }
}
