package org.minisip.server.trunk;

import java.security.SecureRandom;
import java.util.ListIterator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.MinExpiresHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.server.config.TrunkConfig;
import org.minisip.server.sip.ClientCallback;
import org.minisip.server.sip.SipContext;
import org.minisip.sip.auth.DigestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one trunk account registered (RFC 3261 §10.2): REGISTER with the trunk's Expires, digest challenges
 * answered once (again only when {@code stale=true}), refresh at 85% of the granted time, 423 honoured through
 * Min-Expires, and on failure a back-off of {@code retry-seconds} doubling up to 30 minutes. With
 * {@code same-call-id: false} every REGISTER, including a challenge answer, gets a new Call-ID and CSeq 1.
 * All state is touched on the trunk timer thread only; SIP threads just hand responses over.
 */
final class TrunkRegistration implements ClientCallback {
    private static final Logger LOG = LoggerFactory.getLogger(TrunkRegistration.class);
    static final int MAX_BACKOFF_SECONDS = 1800;
    private final TrunkConfig trunk;
    private final SipContext ctx;
    private final TrunkRequests requests;
    private final Trunks trunks;
    private final TrunkStatus status;
    private final ScheduledExecutorService timer;
    private final DigestClient digest;
    private String callId;
    private long cseq;
    private int expires;
    private int failures;
    private boolean credentialsSent;
    private int challengesAnswered;
    private boolean registered;
    private boolean closed;
    private Request sent;
    private ScheduledFuture<?> next;

    TrunkRegistration(TrunkConfig trunk, SipContext ctx, TrunkRequests requests, Trunks trunks, TrunkStatus status,
                      ScheduledExecutorService timer, SecureRandom random) {
        this.trunk = trunk;
        this.ctx = ctx;
        this.requests = requests;
        this.trunks = trunks;
        this.status = status;
        this.timer = timer;
        this.digest = new DigestClient(trunk.username(), trunk.password(), random);
        this.expires = trunk.registerExpires();
    }

    void start() {
        timer.execute(this::register);
    }

    /** Sends a fresh (uncredentialed) REGISTER; timer thread. */
    private void register() {
        if (closed) {
            return;
        }
        trunks.resolve(trunk);
        credentialsSent = false;
        challengesAnswered = 0;
        if (!trunk.sameCallId() || callId == null) {
            callId = requests.newCallId(trunk);
            cseq = 0;
        }
        try {
            send(requests.register(trunk, callId, ++cseq, expires));
            if (!registered) {
                status.set(trunk.name(), TrunkStatus.State.REGISTERING, "to " + trunk.hostPort());
            }
        } catch (Exception e) {
            failed("cannot send REGISTER: " + e.getMessage());
        }
    }

    private void send(Request r) throws Exception {
        sent = r;
        trunks.route(callIdOf(r), r.getRequestURI().toString(), trunk);
        ClientTransaction ct = ctx.endpoint().provider().getNewClientTransaction(r);
        ct.setApplicationData(this);
        ct.sendRequest();
    }

    @Override
    public void onResponse(ResponseEvent event) {
        Response r = event.getResponse();
        if (r.getStatusCode() >= 200) {
            timer.execute(() -> handle(r));
        }
    }

    @Override
    public void onTimeout() {
        timer.execute(() -> {
            if (!closed) {
                failed("no response from " + trunk.hostPort());
            }
        });
    }

    private void handle(Response r) {
        if (closed || sent == null || !callIdOf(r).equals(callIdOf(sent))) {
            return;
        }
        int code = r.getStatusCode();
        if (code == Response.UNAUTHORIZED || code == Response.PROXY_AUTHENTICATION_REQUIRED) {
            if ((credentialsSent && !TrunkRequests.stale(r)) || challengesAnswered >= 3) {
                failed(code + " " + r.getReasonPhrase() + " (credentials rejected)");
                return;
            }
            try {
                String newCallId = trunk.sameCallId() ? null : requests.newCallId(trunk);
                Request again = requests.withCredentials(sent, r, digest, newCallId);
                callId = callIdOf(again);
                cseq = ((javax.sip.header.CSeqHeader) again.getHeader("CSeq")).getSeqNumber();
                credentialsSent = true;
                challengesAnswered++;
                send(again);
            } catch (Exception e) {
                failed(code + " " + r.getReasonPhrase() + " (cannot answer: " + e.getMessage() + ")");
            }
            return;
        }
        if (code == Response.INTERVAL_TOO_BRIEF) {
            MinExpiresHeader min = (MinExpiresHeader) r.getHeader(MinExpiresHeader.NAME);
            if (min != null && min.getExpires() > expires && min.getExpires() <= 86400) {
                expires = min.getExpires();
                LOG.info("trunk {}: registrar wants at least {}s", trunk.name(), expires);
                register();
                return;
            }
        }
        if (code >= 300) {
            failed(code + " " + r.getReasonPhrase());
            return;
        }
        int granted = grantedExpires(r);
        failures = 0;
        registered = true;
        int refresh = Math.max(1, granted * 85 / 100);
        status.set(trunk.name(), TrunkStatus.State.REGISTERED, "as sip:" + trunk.username() + "@" + trunk.host()
                + " expires=" + granted + " refresh-in=" + refresh + "s");
        schedule(refresh);
    }

    private int grantedExpires(Response r) {
        ListIterator<Header> it = r.getHeaders(ContactHeader.NAME);
        String ours = ((ContactHeader) sent.getHeader(ContactHeader.NAME)).getAddress().getURI().toString();
        while (it != null && it.hasNext()) {
            ContactHeader c = (ContactHeader) it.next();
            if (c.getAddress().getURI().toString().equals(ours) && c.getExpires() >= 0) {
                return c.getExpires();
            }
        }
        ExpiresHeader e = r.getExpires();
        return e != null ? e.getExpires() : expires;
    }

    private void failed(String why) {
        registered = false;
        failures++;
        long delay = Math.min((long) trunk.retrySeconds() << Math.min(failures - 1, 20), MAX_BACKOFF_SECONDS);
        status.set(trunk.name(), TrunkStatus.State.FAILED, why + ", retry " + failures + " in " + delay + "s");
        schedule(delay);
    }

    private void schedule(long seconds) {
        if (next != null) {
            next.cancel(false);
        }
        next = timer.schedule(this::register, seconds, TimeUnit.SECONDS);
    }

    /** Stops refreshing and, when registered, removes the binding (Expires: 0) without waiting for the answer. */
    void close() {
        timer.execute(() -> {
            closed = true;
            if (next != null) {
                next.cancel(false);
            }
            if (registered) {
                try {
                    if (!trunk.sameCallId()) {
                        callId = requests.newCallId(trunk);
                        cseq = 0;
                    }
                    send(requests.register(trunk, callId, ++cseq, 0));
                } catch (Exception e) {
                    LOG.debug("trunk {}: unregister failed: {}", trunk.name(), e.toString());
                }
                registered = false;
            }
        });
    }

    private static String callIdOf(javax.sip.message.Message m) {
        return ((CallIdHeader) m.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
