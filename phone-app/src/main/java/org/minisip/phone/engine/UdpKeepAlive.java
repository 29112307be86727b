package org.minisip.phone.engine;

import java.time.Duration;
import javax.sip.ResponseEvent;
import javax.sip.address.Address;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keep-alive for a UDP account: an out-of-dialog OPTIONS to the registrar's domain every {@link #INTERVAL}, which
 * keeps a NAT's UDP binding open between REGISTER refreshes and shows, in the answer's Via {@code received} /
 * {@code rport} (RFC 3581), when the NAT gave us a new public address; then {@code onAddressChange} runs (the
 * engine re-registers with the new Contact). Any final answer counts (a 405 keeps the binding as well as a 200);
 * no answer is only logged. Engine thread only.
 */
final class UdpKeepAlive {
    /** Below the 30 s many NATs keep an idle UDP binding. */
    static final Duration INTERVAL = Duration.ofSeconds(25);
    private static final Logger LOG = LoggerFactory.getLogger(UdpKeepAlive.class);

    private final SipSupport sip;
    private final AccountUri account;
    private final Timers timers;
    private final Duration interval;
    private final Runnable onAddressChange;
    private Timers.Cancellable next;
    private boolean stopped;

    UdpKeepAlive(SipSupport sip, AccountUri account, Timers timers, Duration interval, Runnable onAddressChange) {
        this.sip = sip;
        this.account = account;
        this.timers = timers;
        this.interval = interval;
        this.onAddressChange = onAddressChange;
    }

    void start() {
        next = timers.schedule(interval, this::beat);
    }

    void stop() {
        stopped = true;
        if (next != null) {
            next.cancel();
        }
    }

    private void beat() {
        if (stopped) {
            return;
        }
        try {
            Address aor = sip.addresses().createAddress(account.aor());
            Request options = sip.newRequest(Request.OPTIONS, sip.addresses().createURI("sip:" + account.domain()),
                    aor, sip.newTag(), aor, sip.newCallId(), 1);
            sip.send(options, new Handler());
        } catch (Exception e) {
            LOG.debug("keep-alive OPTIONS not built: {}", e.toString());
        }
        next = timers.schedule(interval, this::beat);
    }

    private final class Handler implements ResponseHandler {
        @Override
        public void onResponse(ResponseEvent event) {
            if (event.getResponse().getStatusCode() >= 200 && !stopped
                    && sip.learnPublicAddress(event.getResponse())) {
                LOG.info("public address changed to {}; re-registering", sip.publicAddress());
                onAddressChange.run();
            }
        }

        @Override
        public void onTimeout() {
            LOG.debug("keep-alive OPTIONS to {} unanswered", account.domain());
        }

        @Override
        public void onTransportError(String message) {
            LOG.debug("keep-alive OPTIONS not sent: {}", message);
        }
    }
}
