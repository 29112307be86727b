package org.minisip.phone.engine;

import java.time.Duration;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription of ours (RFC 6665 subscriber): SUBSCRIBE with digest answers, refresh inside its dialog before
 * it expires, a new subscription when the notifier ends it (timeout, deactivated) or forgets it (481), retries
 * with back-off after errors, and Expires: 0 on {@link #stop}. NOTIFYs reach it by Call-ID through
 * {@link Subscriptions}. Engine thread only.
 */
final class EventSubscription implements ResponseHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EventSubscription.class);
    static final int REQUESTED_EXPIRES = 600;

    /** Called with each NOTIFY body of this subscription (engine thread). */
    interface BodyHandler {
        void onBody(EventSubscription s, byte[] body);

        /** The subscription cannot be had (final refusal, or dropped until the next retry). */
        void onLost(EventSubscription s, int status, String reason);
    }

    private final SipSupport sip;
    private final Timers timers;
    private final Subscriptions owner;
    private final BodyHandler handler;
    final String event;
    final String accept;
    final String target;
    private final String targetUri;
    private final Address from;
    private String callId;
    private Dialog dialog;
    private Request sent;
    private int challenges;
    private boolean active;
    private boolean stopped;
    private int failures;
    private Timers.Cancellable timer;

    EventSubscription(SipSupport sip, Timers timers, Subscriptions owner, BodyHandler handler, String event,
                      String accept, String target, String targetUri, Address from) {
        this.sip = sip;
        this.timers = timers;
        this.owner = owner;
        this.handler = handler;
        this.event = event;
        this.accept = accept;
        this.target = target;
        this.targetUri = targetUri;
        this.from = from;
    }

    String callId() {
        return callId;
    }

    /** Starts a new subscription (new dialog). */
    void start() {
        cancelTimer();
        if (stopped) {
            return;
        }
        owner.forget(this);
        callId = sip.newCallId();
        dialog = null;
        active = false;
        challenges = 0;
        owner.track(this);
        try {
            URI uri = sip.addresses().createURI(targetUri);
            Request r = sip.newRequest(Request.SUBSCRIBE, uri, from, sip.newTag(), sip.addresses().createAddress(uri),
                    callId, 1);
            decorate(r, REQUESTED_EXPIRES);
            send(r, false);
        } catch (Exception e) {
            LOG.warn("cannot subscribe to {} of {}: {}", event, target, e.toString());
            retryLater(0, e.toString());
        }
    }

    /** Ends the subscription (SUBSCRIBE Expires: 0 in its dialog); no retries afterwards. */
    void stop() {
        stopped = true;
        cancelTimer();
        if (active && dialog != null) {
            try {
                Request r = dialog.createRequest(Request.SUBSCRIBE);
                decorate(r, 0);
                send(r, true);
            } catch (Exception e) {
                LOG.debug("unsubscribe from {} of {}: {}", event, target, e.toString());
            }
        }
        owner.forget(this);
    }

    private void refresh() {
        if (stopped) {
            return;
        }
        if (dialog == null || !active) {
            start();
            return;
        }
        challenges = 0;
        try {
            Request r = dialog.createRequest(Request.SUBSCRIBE);
            decorate(r, REQUESTED_EXPIRES);
            send(r, true);
        } catch (Exception e) {
            LOG.info("refresh of {} of {} failed ({}): subscribing anew", event, target, e.toString());
            start();
        }
    }

    private void decorate(Request r, int expires) throws Exception {
        r.setHeader(sip.headers().createHeader("Event", event));
        r.setHeader(sip.headers().createHeader("Accept", accept));
        r.setHeader(sip.headers().createExpiresHeader(expires));
        if (r.getHeader("Contact") == null) {
            r.addHeader(sip.contact());
        }
    }

    private void send(Request r, boolean inDialog) throws Exception {
        sent = r;
        if (inDialog) {
            ClientTransaction ct = sip.endpoint().provider().getNewClientTransaction(r);
            ct.setApplicationData(this);
            dialog.sendRequest(ct);
        } else {
            sip.send(r, this);
        }
    }

    @Override
    public void onResponse(ResponseEvent ev) {
        Response r = ev.getResponse();
        int status = r.getStatusCode();
        if (status < 200 || !callId.equals(((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId())) {
            return;
        }
        boolean unsubscribe = sent != null && sent.getExpires() != null && sent.getExpires().getExpires() == 0;
        if (SipSupport.isChallenge(r) && (challenges == 0 || SipSupport.isStale(r)) && challenges < 3) {
            challenges++;
            try {
                if (dialog != null && active) {
                    Request again = dialog.createRequest(Request.SUBSCRIBE);
                    decorate(again, unsubscribe ? 0 : REQUESTED_EXPIRES);
                    sip.addAuthorization(again, r);
                    send(again, true);
                } else {
                    send(sip.authorized(sent, r), false);
                }
                return;
            } catch (Exception e) {
                LOG.warn("cannot answer the challenge for {} of {}: {}", event, target, e.toString());
            }
        }
        if (unsubscribe || stopped) {
            return;
        }
        if (status / 100 == 2) {
            failures = 0;
            if (!active) {
                dialog = ev.getDialog() != null ? ev.getDialog() : ev.getClientTransaction().getDialog();
                active = dialog != null;
            }
            ExpiresHeader h = (ExpiresHeader) r.getHeader(ExpiresHeader.NAME);
            int granted = h == null ? REQUESTED_EXPIRES : h.getExpires();
            scheduleRefresh(granted);
            return;
        }
        if (status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST && active) {
            LOG.info("notifier forgot our subscription to {} of {}: subscribing anew", event, target);
            active = false;
            start();
            return;
        }
        boolean finalRefusal = status == Response.NOT_FOUND || status == Response.FORBIDDEN
                || status == Response.BAD_EVENT || status == Response.METHOD_NOT_ALLOWED
                || status == Response.NOT_IMPLEMENTED || SipSupport.isChallenge(r);
        handler.onLost(this, status, SipSupport.reason(r));
        if (finalRefusal) {
            stopped = true;
            owner.forget(this);
        } else {
            retryLater(status, SipSupport.reason(r));
        }
    }

    @Override
    public void onTimeout() {
        if (!stopped) {
            handler.onLost(this, Response.REQUEST_TIMEOUT, "Request Timeout");
            retryLater(Response.REQUEST_TIMEOUT, "timeout");
        }
    }

    @Override
    public void onTransportError(String message) {
        if (!stopped) {
            handler.onLost(this, Response.SERVICE_UNAVAILABLE, "Service Unavailable");
            retryLater(Response.SERVICE_UNAVAILABLE, message);
        }
    }

    /** A NOTIFY of this subscription; the caller answers it. */
    void onNotify(RequestEvent ev) {
        Request req = ev.getRequest();
        String state = SipSupport.headerValueOrEmpty(req, "Subscription-State").trim().toLowerCase();
        byte[] body = req.getRawContent();
        if (body != null && body.length > 0) {
            handler.onBody(this, body);
        }
        if (state.startsWith("terminated") && !stopped) {
            active = false;
            cancelTimer();
            String reason = state.replaceAll(".*reason=([a-z-]+).*", "$1");
            switch (reason) {
                case "rejected", "noresource", "invariant" -> {
                    handler.onLost(this, Response.FORBIDDEN, "subscription " + reason);
                    stopped = true;
                    owner.forget(this);
                }
                case "probation", "giveup" -> retryLater(0, reason);
                default -> {
                    // timeout, deactivated or none: subscribe again at once (RFC 6665 §4.1.3)
                    LOG.info("subscription to {} of {} ended ({}): subscribing anew", event, target, state);
                    timer = timers.schedule(Duration.ofMillis(200), this::start);
                }
            }
        }
    }

    private void scheduleRefresh(int granted) {
        cancelTimer();
        if (granted <= 0) {
            return;
        }
        long seconds = Math.max(1, Math.max(granted / 2, granted - 60));
        timer = timers.schedule(Duration.ofSeconds(seconds), this::refresh);
    }

    private void retryLater(int status, String why) {
        cancelTimer();
        active = false;
        failures++;
        long seconds = Math.min(300, 5L << Math.min(6, failures - 1));
        LOG.info("subscription to {} of {} failed ({} {}): retrying in {}s", event, target, status, why, seconds);
        timer = timers.schedule(Duration.ofSeconds(seconds), this::start);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
