package org.minisip.phone.engine;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sip.RequestEvent;
import javax.sip.address.Address;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's event subscriptions: busy lamp field for watched extensions ({@code dialog}, RFC 4235) and
 * message-waiting for our own mailbox ({@code message-summary}, RFC 3842). Routes NOTIFYs to their subscription by
 * Call-ID and accepts an unsolicited {@code message-summary} NOTIFY when it comes from the account's server (as
 * most phones do). Publishes {@link PhoneEvent.ExtensionState} only when a lamp changes. Engine thread only.
 */
final class Subscriptions implements EventSubscription.BodyHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);
    static final String DIALOG = "dialog";
    static final String MESSAGE_SUMMARY = "message-summary";

    private final SipSupport sip;
    private final Timers timers;
    private final Consumer<PhoneEvent> events;
    private final AccountUri account;
    private final Map<String, EventSubscription> byCallId = new HashMap<>();
    private final Map<String, EventSubscription> watched = new LinkedHashMap<>();
    private final Map<String, BlfState> lamps = new HashMap<>();
    private final Map<EventSubscription, Long> versions = new HashMap<>();
    private EventSubscription mwi;

    Subscriptions(SipSupport sip, Timers timers, Consumer<PhoneEvent> events, AccountUri account) {
        this.sip = sip;
        this.timers = timers;
        this.events = events;
        this.account = account;
    }

    /** Watches {@code extension} (its lamp state comes as events); no-op when already watched. */
    void watch(String extension) {
        if (watched.containsKey(extension)) {
            return;
        }
        EventSubscription s = new EventSubscription(sip, timers, this, this, DIALOG, "application/dialog-info+xml",
                extension, "sip:" + extension + "@" + account.domain(), from());
        watched.put(extension, s);
        s.start();
    }

    /** Stops watching {@code extension} (unsubscribes). */
    void unwatch(String extension) {
        EventSubscription s = watched.remove(extension);
        if (s != null) {
            s.stop();
            lamps.remove(extension);
        }
    }

    /** Subscribes to our own mailbox's message summary. */
    void subscribeMwi() {
        if (mwi == null) {
            mwi = new EventSubscription(sip, timers, this, this, MESSAGE_SUMMARY, "application/simple-message-summary",
                    account.user(), account.aor(), from());
            mwi.start();
        }
    }

    /** Ends every subscription (Expires: 0). */
    void stopAll() {
        for (EventSubscription s : watched.values()) {
            s.stop();
        }
        watched.clear();
        if (mwi != null) {
            mwi.stop();
            mwi = null;
        }
    }

    void track(EventSubscription s) {
        byCallId.put(s.callId(), s);
    }

    void forget(EventSubscription s) {
        if (s.callId() != null) {
            byCallId.remove(s.callId(), s);
        }
        versions.remove(s);
    }

    /**
     * A NOTIFY outside calls: to its subscription, or an unsolicited message-summary from the server. Returns the
     * status to answer with.
     */
    int onNotify(RequestEvent ev) {
        Request req = ev.getRequest();
        String callId = ((CallIdHeader) req.getHeader(CallIdHeader.NAME)).getCallId();
        EventSubscription s = byCallId.get(callId);
        if (s != null) {
            s.onNotify(ev);
            return Response.OK;
        }
        String event = SipSupport.headerValueOrEmpty(req, "Event").split(";", 2)[0].trim();
        if (MESSAGE_SUMMARY.equalsIgnoreCase(event)) {
            if (!fromServer(req)) {
                LOG.info("unsolicited message-summary NOTIFY from a stranger ignored");
                return Response.FORBIDDEN;
            }
            Optional<PhoneEvent.MessageWaiting> m = MessageSummary.parse(req.getRawContent());
            if (m.isEmpty()) {
                return Response.BAD_REQUEST;
            }
            events.accept(m.get());
            return Response.OK;
        }
        return Response.OK;
    }

    @Override
    public void onBody(EventSubscription s, byte[] body) {
        if (s.event.equals(MESSAGE_SUMMARY)) {
            MessageSummary.parse(body).ifPresent(events);
            return;
        }
        Optional<DialogInfo.Parsed> p = DialogInfo.parse(body);
        if (p.isEmpty()) {
            LOG.info("NOTIFY for {} without a readable dialog-info body", s.target);
            return;
        }
        Long last = versions.get(s);
        if (last != null && p.get().version() >= 0 && p.get().version() <= last) {
            return;   // RFC 4235 §4.1.2: an older or repeated document
        }
        versions.put(s, p.get().version());
        lamp(s.target, p.get().state());
    }

    @Override
    public void onLost(EventSubscription s, int status, String reason) {
        events.accept(new PhoneEvent.SubscriptionFailed(s.event, s.target, status, reason));
        if (s.event.equals(DIALOG)) {
            lamp(s.target, BlfState.UNKNOWN);
        }
    }

    private void lamp(String ext, BlfState state) {
        if (watched.containsKey(ext) && lamps.put(ext, state) != state) {
            events.accept(new PhoneEvent.ExtensionState(ext, state));
        }
    }

    private Address from() {
        try {
            return sip.addresses().createAddress(account.aor());
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the request's packet came from an address of the account's server (or its outbound proxy). */
    private boolean fromServer(Request req) {
        if (!(req instanceof gov.nist.javax.sip.message.SIPMessage m) || m.getRemoteAddress() == null) {
            return false;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(account.socketHost())) {
                if (a.equals(m.getRemoteAddress())) {
                    return true;
                }
            }
        } catch (java.io.IOException e) {
            return false;
        }
        return false;
    }
}
