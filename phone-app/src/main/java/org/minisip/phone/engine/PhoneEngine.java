package org.minisip.phone.engine;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import javax.net.ssl.KeyManager;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.URI;
import org.minisip.media.codec.CodecRegistry;
import org.minisip.phone.audio.AudioBackend;
import org.minisip.sip.auth.DigestClient;
import org.minisip.sip.stack.SipEndpoint;
import org.minisip.sip.stack.StackConfig;
import org.minisip.sip.stack.Transport;
import org.minisip.sip.tls.TlsMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The softphone engine: one account (optional), its registration, and calls. Front ends (headless CLI, Swing UI)
 * drive it with the methods below and learn what happens from {@link PhoneEvent}s.
 *
 * <p>Threading: all SIP processing, timers and call state live on the single-threaded {@code engineThread} given to
 * the constructor; JAIN-SIP callbacks only hand events over to it (see {@link SipEvents}). Public methods may be
 * called from any thread and return at once; results arrive as events. Events are delivered on the engine thread
 * (DTMF from media threads), so the consumer must not block.
 *
 * <p>Lifecycle: construct, {@link #start()}, optionally {@link #register()}, place/answer calls, then
 * {@link #shutdown()} (hangs up, unregisters) and {@link #close()}. The executor belongs to the caller.
 */
public final class PhoneEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PhoneEngine.class);

    private final PhoneConfig config;
    private final AudioBackend audio;
    private final CodecRegistry codecs;
    private final Consumer<PhoneEvent> events;
    private final ScheduledExecutorService engineThread;
    private final SecureRandom random;
    private final Timers timers;
    private final Map<String, CallSession> calls = new LinkedHashMap<>();
    /** The engines of further accounts (several accounts at once); this one is the default for outgoing calls. */
    private final List<PhoneEngine> accounts = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean started;
    private volatile SipSupport sip;
    private SipEndpoint endpoint;
    private Registration registration;
    private KeepAlive keepAlive;
    private UdpKeepAlive udpKeepAlive;
    private java.time.Duration udpKeepAliveInterval = UdpKeepAlive.INTERVAL;
    private CallContext callContext;
    private Subscriptions subscriptions;

    public PhoneEngine(PhoneConfig config, AudioBackend audio, CodecRegistry codecs, Consumer<PhoneEvent> events,
                       ScheduledExecutorService engineThread, SecureRandom random) {
        this.config = config;
        this.audio = audio;
        this.codecs = codecs;
        this.events = events;
        this.engineThread = engineThread;
        this.random = random;
        this.timers = Timers.on(engineThread);
    }

    /**
     * Binds SIP on the local address that routes to the account's server (or the configured bind address, or
     * 127.0.0.1 without an account) and the configured port. Blocking; call once, from the front end.
     *
     * @throws SipException when the port cannot be bound or TLS cannot be set up
     */
    public void start() throws SipException {
        startOwn();
        started = true;
        List<PhoneEngine> up = new ArrayList<>();
        try {
            for (PhoneEngine o : accounts) {
                o.start();
                up.add(o);
            }
        } catch (SipException | RuntimeException e) {
            up.forEach(PhoneEngine::close);
            close();
            throw e;
        }
    }

    /**
     * Adds the engine of another account (its own SIP port, transport, SRTP mode, registration and engine thread),
     * before {@link #start()}. This engine stays the default for outgoing calls ({@link #call(String)}); the others
     * are started, registered, shut down and closed with it, their events go wherever their constructor said (give
     * them the same consumer), and the call-control methods here (answer, hang up, hold, transfer, DTMF, ...) reach
     * calls of any account. Each added engine's executor still belongs to the caller.
     */
    public void addAccount(PhoneEngine other) {
        if (started || other == this) {
            throw new IllegalStateException("accounts are added once, before start()");
        }
        accounts.add(other);
    }

    /** How many accounts (this one and the added ones) register, i.e. how many Registered events to expect. */
    public int registeringAccounts() {
        int n = config.registers() ? 1 : 0;
        for (PhoneEngine o : accounts) {
            n += o.registeringAccounts();
        }
        return n;
    }

    /**
     * Places a call from account {@code account}: 0 is this (default) engine, 1.. the added ones in order.
     *
     * @throws IllegalArgumentException for a bad target or an account number that does not exist
     */
    public String call(String target, int account) {
        if (account == 0) {
            return call(target);
        }
        if (account < 0 || account > accounts.size()) {
            throw new IllegalArgumentException("no account number " + account + " (there are " + (accounts.size() + 1)
                    + ")");
        }
        return accounts.get(account - 1).call(target);
    }

    private void startOwn() throws SipException {
        if (config.srtp() != org.minisip.sdp.SrtpMode.OFF) {
            Thread warm = new Thread(org.minisip.media.srtp.SrtpSession::warmUp, "srtp-warm-up");
            warm.setDaemon(true);
            warm.setPriority(Thread.MIN_PRIORITY);
            warm.start();
        }
        AccountUri acc = config.account();
        Transport transport = config.transport();
        try {
            String host = config.bindAddress() != null ? config.bindAddress()
                    : acc != null ? LocalAddress.towards(config.firstHopHost(), config.firstHopPort()).getHostAddress()
                    : InetAddress.getLoopbackAddress().getHostAddress();
            StackConfig.Builder b = StackConfig.builder("minisipphone").bind(host).threads(2)
                    .port(transport, config.localPort());
            if (acc == null) {
                b.port(Transport.TCP, config.localPort());
            } else {
                b.outboundProxy(config.nextHop());
            }
            if (transport == Transport.TLS) {
                KeyManager[] km = TlsMaterial.generateSelfSigned(host).keyManagers();
                b.tls(km, config.trustManagers());
            }
            endpoint = SipEndpoint.start(b.build(), new SipEvents(engineThread, this));
            String user = acc != null ? acc.user() : "phone";
            DigestClient digest = new DigestClient(config.digestUser(), config.password() == null ? ""
                    : config.password(), random);
            SipSupport s = new SipSupport(endpoint, transport, host, user, config.userAgent(), digest, random,
                    engineThread);
            if (config.outboundProxy() != null) {
                s.preloadRoute(config.outboundProxy().routeUri());
            }
            callContext = new CallContext(s, config, codecs, audio, random, events, c -> calls.remove(c.callId()),
                    timers, this::placeReferredCall);
            if (acc != null) {
                subscriptions = new Subscriptions(s, timers, events, acc);
            }
            if (config.registers()) {
                registration = new Registration(acc.aor(), new RegisterClient(s, acc), timers, Backoff.REGISTRATION,
                        config.registerTimeout(), config.requestedExpires(), events);
            }
            if (acc != null && transport.isStream()) {
                String serverIp = InetAddress.getByName(config.firstHopHost()).getHostAddress();
                keepAlive = new KeepAlive(endpoint.listeningPoint(transport), serverIp, config.firstHopPort(), timers);
                engineThread.execute(keepAlive::start);
            } else if (registration != null) {
                Registration reg = registration;
                udpKeepAlive = new UdpKeepAlive(s, acc, timers, udpKeepAliveInterval, reg::refreshNow);
                engineThread.execute(udpKeepAlive::start);
            }
            sip = s;
            LOG.debug("SIP on {}:{}/{}; audio: {}", host, endpoint.port(transport), transport, audio.description());
        } catch (SipException e) {
            throw e;
        } catch (Exception e) {
            if (endpoint != null) {
                endpoint.close();
            }
            throw new SipException("cannot start SIP: " + e.getMessage(), e);
        }
    }

    /** Sets the UDP keep-alive period before {@link #start()} (tests use a short one). */
    void udpKeepAliveInterval(java.time.Duration d) {
        this.udpKeepAliveInterval = d;
    }

    /** Registers the account (needs an account and a password); results come as Registered/RegistrationFailed. */
    public void register() {
        if (registeringAccounts() == 0) {
            throw new IllegalStateException("no account with a password to register");
        }
        if (registration != null) {
            engineThread.execute(registration::start);
        }
        for (PhoneEngine o : accounts) {
            if (o.registeringAccounts() > 0) {
                o.register();
            }
        }
    }

    /**
     * Places a call. {@code target} is an extension (sent as {@code sip:TARGET@<account domain>}), a {@code sip:}
     * URI, or a {@code tel:} URI (sent to the account's server). Without an account only {@code sip:} URIs work,
     * and they are sent directly to the URI's host.
     *
     * @return the call id used in the call's events
     * @throws IllegalArgumentException when the target cannot be turned into a Request-URI
     */
    public String call(String target) {
        SipSupport s = requireStarted();
        String uriText = targetUri(target);
        URI uri;
        try {
            uri = s.addresses().createURI(uriText);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("bad call target '" + target + "': " + e.getMessage());
        }
        String callId = s.newCallId();
        engineThread.execute(() -> placeCall(callId, uri, null, null));
        return callId;
    }

    /**
     * Sends an instant message (SIP MESSAGE, RFC 3428, text/plain UTF-8) to {@code target} (same forms as
     * {@link #call}) through the account's server; a digest challenge is answered once. The outcome arrives as
     * {@link PhoneEvent.MessageResult} with the returned id.
     *
     * @throws IllegalArgumentException for a bad target or an empty text
     */
    public String sendMessage(String target, String text) {
        SipSupport s = requireStarted();
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty message");
        }
        String uriText = targetUri(target);
        String id = s.newCallId();
        engineThread.execute(() -> new MessageSender(s, config, events, id).send(uriText, text));
        return id;
    }

    /**
     * Blind transfer (RFC 3515): asks the peer of an established call to call {@code target} (same forms as
     * {@link #call}) with a REFER. Progress arrives as {@link PhoneEvent.TransferProgress}; when the target answers,
     * the original call is hung up and ends with {@link PhoneEvent.EndReason#TRANSFERRED}.
     *
     * @throws IllegalArgumentException when the target cannot be turned into a URI
     */
    public void transfer(String callId, String target) {
        String uri = targetUri(target);
        engineThread.execute(() -> {
            CallSession c = calls.get(callId);
            if (c != null) {
                c.transfer(uri);
            } else {
                accounts.forEach(o -> o.transfer(callId, target)); // extensions in that account's domain
            }
        });
    }

    /**
     * Attended transfer (RFC 5589 §7): asks the peer of established call {@code callId} (usually on hold) to call the
     * peer of the established consultation call {@code consultCallId}, replacing it (REFER with
     * {@code Refer-To: <peer?Replaces=...>}, RFC 3891). Progress arrives as {@link PhoneEvent.TransferProgress} for
     * {@code callId}; on success both calls end with {@link PhoneEvent.EndReason#TRANSFERRED} (or the consultation
     * with a remote hang-up, when the target's BYE comes first). A call that is unknown or not established makes
     * the transfer fail at once with {@code TransferProgress(callId, 481, ..., finished)}; so does a consultation
     * call on another account than {@code callId}'s (with several accounts, both must be on the same one).
     */
    public void attendedTransfer(String callId, String consultCallId) {
        engineThread.execute(() -> {
            CallSession c = calls.get(callId);
            CallSession consult = calls.get(consultCallId);
            if (c == null && !accounts.isEmpty()) {
                accounts.forEach(o -> o.attendedTransfer(callId, consultCallId)); // a call of another account
            } else if (c == null) {
                LOG.debug("no call {}", callId);
            } else if (consult == null || consult == c) { // both calls must be on the same account
                events.accept(new PhoneEvent.TransferProgress(callId, 481, "No consultation call", true));
            } else {
                c.transferReplacing(consult);
            }
        });
    }

    /** The Request-URI text for a call target: extension → sip:EXT@domain, URIs as given. */
    private String targetUri(String target) {
        AccountUri acc = config.account();
        if (target.regionMatches(true, 0, "sip:", 0, 4) || target.regionMatches(true, 0, "sips:", 0, 5)
                || target.regionMatches(true, 0, "tel:", 0, 4)) {
            if (acc == null && !target.regionMatches(true, 0, "sip:", 0, 4)) {
                throw new IllegalArgumentException("calling " + target + " needs an account (--account)");
            }
            return target;
        }
        if (acc == null) {
            throw new IllegalArgumentException("calling extension '" + target + "' needs an account (--account)");
        }
        if (!target.matches("[A-Za-z0-9*#+._!~-]+")) {
            throw new IllegalArgumentException("bad call target '" + target + "'");
        }
        return "sip:" + target + "@" + acc.domain();
    }

    /** Engine thread: creates and starts an outgoing call; {@code listener} follows its progress (REFER), or null. */
    private String placeCall(String callId, URI uri, OutgoingCall.Progress listener,
                             org.minisip.sip.dialog.Replaces replaces) {
        SipSupport s = sip;
        AccountUri acc = config.account();
        try {
            Address to = s.addresses().createAddress(uri);
            Address from = s.addresses().createAddress(acc != null ? acc.aor() : s.contactUri().replaceAll(";.*", ""));
            if (config.displayName() != null) {
                from.setDisplayName(config.displayName());
            }
            OutgoingCall c = new OutgoingCall(callContext, callId);
            c.setProgress(listener);
            c.setReplaces(replaces);
            calls.put(callId, c);
            c.start(uri, from, to);
        } catch (java.text.ParseException e) {
            events.accept(new PhoneEvent.CallFailed(callId, 400, "Bad target: " + e.getMessage()));
        }
        return callId;
    }

    /** Engine thread: a call asked for by a REFER (with Replaces for an attended transfer). */
    String placeReferredCall(URI target, org.minisip.sip.dialog.Replaces replaces, OutgoingCall.Progress listener) {
        return placeCall(sip.newCallId(), target, listener, replaces);
    }

    /**
     * Watches extension {@code extension} of the account's server (busy lamp field: SUBSCRIBE to its {@code dialog}
     * events, RFC 4235, refreshed before expiry). Its state arrives as {@link PhoneEvent.ExtensionState}; a refusal
     * as {@link PhoneEvent.SubscriptionFailed}. Needs an account.
     *
     * @throws IllegalArgumentException when {@code extension} is not a plain extension number/name
     */
    public void watch(String extension) {
        requireStarted();
        if (subscriptions == null) {
            throw new IllegalArgumentException("watching extensions needs an account (--account)");
        }
        if (extension == null || !extension.matches("[A-Za-z0-9*#+._!~-]{1,64}")) {
            throw new IllegalArgumentException("bad extension to watch '" + extension + "'");
        }
        engineThread.execute(() -> subscriptions.watch(extension));
    }

    /** Stops watching {@code extension} (SUBSCRIBE with Expires: 0). */
    public void unwatch(String extension) {
        if (subscriptions != null) {
            engineThread.execute(() -> subscriptions.unwatch(extension));
        }
    }

    /**
     * Subscribes to our own mailbox's {@code message-summary} (RFC 3842); results arrive as
     * {@link PhoneEvent.MessageWaiting}. Unsolicited message-summary NOTIFYs from the server are reported anyway.
     */
    public void subscribeMwi() {
        requireStarted();
        if (subscriptions == null) {
            throw new IllegalArgumentException("message waiting needs an account (--account)");
        }
        engineThread.execute(subscriptions::subscribeMwi);
    }

    /** Answers an incoming call (200 with SDP answer, or 488 when the offer is unacceptable). */
    public void answer(String callId) {
        onCall(callId, c -> {
            if (c instanceof IncomingCall ic) {
                ic.answer();
            }
        });
    }

    /** Rejects an unanswered incoming call with {@code status} (e.g. 486, 603). */
    public void reject(String callId, int status) {
        onCall(callId, c -> {
            if (c instanceof IncomingCall ic) {
                ic.reject(status);
            }
        });
    }

    /** Hangs up: BYE when established, CANCEL while an outgoing call rings, 603 for an unanswered incoming one. */
    public void hangup(String callId) {
        onCall(callId, CallSession::hangup);
    }

    /** Sends DTMF digits (RFC 4733) in an established call. */
    public void sendDtmf(String callId, String digits) {
        onCall(callId, c -> c.sendDtmf(digits));
    }

    /**
     * Puts an established call on hold with a re-INVITE (a=sendonly, or a=inactive when the peer holds us already;
     * RFC 3264 §8.4, RFC 6337). While held we send and play no audio. The outcome arrives as
     * {@link PhoneEvent.LocalHoldChanged} or {@link PhoneEvent.HoldFailed}; a 491 glare is retried by itself
     * (RFC 3261 §14.1). Calling it again while a change is in flight only updates the wanted state.
     */
    public void hold(String callId) {
        onCall(callId, c -> c.setHold(true));
    }

    /** Resumes a call we held (re-INVITE with a=sendrecv); outcome as for {@link #hold}. */
    public void resume(String callId) {
        onCall(callId, c -> c.setHold(false));
    }

    /**
     * Hangs up every call and removes the registration (Expires: 0). The future completes on the engine thread when
     * the registrar answered or the registration timeout passed; then call {@link #close()}.
     */
    public CompletableFuture<Void> shutdown() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        engineThread.execute(() -> {
            for (CallSession c : new ArrayList<>(calls.values())) {
                c.hangup();
            }
            if (keepAlive != null) {
                keepAlive.stop();
            }
            if (subscriptions != null) {
                subscriptions.stopAll();
            }
            if (udpKeepAlive != null) {
                udpKeepAlive.stop();
            }
            if (registration != null) {
                registration.stop(() -> done.complete(null));
            } else {
                done.complete(null);
            }
        });
        if (accounts.isEmpty()) {
            return done;
        }
        List<CompletableFuture<Void>> all = new ArrayList<>(List.of(done));
        accounts.forEach(o -> all.add(o.shutdown()));
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    /** Stops the SIP stack. Media of calls still open is closed by their hang-up in {@link #shutdown()}. */
    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.close();
        }
        accounts.forEach(PhoneEngine::close);
    }

    /** Our contact URI, e.g. {@code sip:phone@127.0.0.1:43122}: what another phone dials to reach this one directly. */
    public String contactUri() {
        return requireStarted().contactUri();
    }

    /** The bound local SIP port. */
    public int sipPort() {
        return requireStarted().localPort();
    }

    /**
     * A snapshot of a call's media counters (packets, losses, jitter-buffer delay), or empty when the call is unknown
     * or has no media yet. Waits briefly for the engine thread; for status displays and tests.
     */
    public java.util.Optional<org.minisip.media.MediaStats> mediaStats(String callId) {
        try {
            return engineThread.submit(() -> {
                CallSession c = calls.get(callId);
                return java.util.Optional.ofNullable(c == null ? null : c.mediaStats());
            }).get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }

    /** Ids of calls not yet ended, in creation order. Engine-thread view; for diagnostics. */
    public List<String> activeCalls() {
        try {
            return engineThread.submit(() -> List.copyOf(calls.keySet())).get();
        } catch (Exception e) {
            return List.of();
        }
    }

    // ---- called by SipEvents on the engine thread ----

    void publish(PhoneEvent e) {
        events.accept(e);
    }

    SipSupport sipOrNull() {
        return sip;
    }

    CallContext callContext() {
        return callContext;
    }

    /** The account's subscriptions, or null without an account. */
    Subscriptions subscriptionsOrNull() {
        return subscriptions;
    }

    Map<String, CallSession> calls() {
        return calls;
    }

    private void onCall(String callId, Consumer<CallSession> action) {
        engineThread.execute(() -> {
            CallSession c = calls.get(callId);
            if (c != null) {
                action.accept(c);
            } else if (!accounts.isEmpty()) {
                accounts.forEach(o -> o.onCall(callId, action)); // a call of another account (ids are random)
            } else {
                LOG.debug("no call {}", callId);
            }
        });
    }

    private SipSupport requireStarted() {
        SipSupport s = sip;
        if (s == null) {
            throw new IllegalStateException("engine not started");
        }
        return s;
    }
}
