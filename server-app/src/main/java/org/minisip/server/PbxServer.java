package org.minisip.server;

import gov.nist.javax.sip.stack.HopImpl;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.SipException;
import org.minisip.server.callback.CallbackService;
import org.minisip.server.cdr.CdrWriter;
import org.minisip.server.config.ServerConfig;
import org.minisip.server.location.LocationService;
import org.minisip.server.media.MediaServices;
import org.minisip.server.presence.MailboxStatus;
import org.minisip.server.presence.Presence;
import org.minisip.server.location.RegistrationStore;
import org.minisip.server.registrar.Registrar;
import org.minisip.server.routing.B2bua;
import org.minisip.server.routing.CallEnder;
import org.minisip.server.routing.CallRouting;
import org.minisip.server.routing.DialogRelay;
import org.minisip.server.security.AdminServer;
import org.minisip.server.security.Authenticator;
import org.minisip.server.security.CallScreen;
import org.minisip.server.security.Security;
import org.minisip.server.security.TlsReloader;
import org.minisip.server.store.StoreWriter;
import org.minisip.server.sip.Responder;
import org.minisip.server.sip.ServerListener;
import org.minisip.server.sip.SipContext;
import org.minisip.server.trunk.TrunkCalls;
import org.minisip.server.trunk.TrunkRequests;
import org.minisip.server.trunk.TrunkService;
import org.minisip.server.trunk.Trunks;
import org.minisip.sip.auth.DigestServer;
import org.minisip.sip.stack.SipEndpoint;
import org.minisip.sip.stack.StackConfig;
import org.minisip.sip.stack.Transport;
import org.minisip.sip.tls.TlsMaterial;
import org.minisip.sip.tls.TrustOptions;
import picocli.CommandLine;

/**
 * The running PBX: assembles every server component with constructor wiring, in this one place. Start with
 * {@link #start}; {@link #close} stops listening and flushes CDRs. The command line lives in {@link ServerCommand}.
 */
public final class PbxServer implements AutoCloseable {
    private final SipEndpoint endpoint;
    private final ScheduledExecutorService scheduler;
    private final CdrWriter cdr;
    private final LocationService location;
    private final TrunkService trunkService;
    private final CallbackService callback;
    private final MediaServices media;
    private final Security security;
    private final StoreWriter store;
    private final AdminServer admin;
    private final Presence presence;

    private PbxServer(SipEndpoint endpoint, ScheduledExecutorService scheduler, CdrWriter cdr,
                      LocationService location, TrunkService trunkService, CallbackService callback,
                      MediaServices media, Security security, StoreWriter store, AdminServer admin,
                      Presence presence) {
        this.presence = presence;
        this.trunkService = trunkService;
        this.callback = callback;
        this.media = media;
        this.endpoint = endpoint;
        this.scheduler = scheduler;
        this.cdr = cdr;
        this.location = location;
        this.security = security;
        this.store = store;
        this.admin = admin;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServerCommand()).execute(args));
    }

    /**
     * Starts the server from a validated config; {@code dataDir} holds {@code tls/} and {@code cdr/}. A configured
     * port of 0 in {@code config} disables that transport; tests that want OS-chosen ports pass
     * {@code anyPorts=true}, which turns every enabled port into "any free port".
     */
    public static PbxServer start(ServerConfig config, Path dataDir, boolean anyPorts)
            throws SipException, IOException, GeneralSecurityException {
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        LocationService location = new LocationService(clock);
        StoreWriter store = new StoreWriter();
        RegistrationStore registrations = new RegistrationStore(dataDir.resolve("registrations.json"), store, clock);
        registrations.loadInto(location);
        Security security = Security.create(config.security(), dataDir, clock, store);
        StackConfig.Builder sc = StackConfig.builder("minisip-server").bind(config.sip().bind()).threads(8)
                .timer(org.minisip.server.sip.WheelSipTimer.class)
                .guard(security.guard()).limits(security.limits());
        addPort(sc, Transport.UDP, config.sip().udpPort(), anyPorts);
        addPort(sc, Transport.TCP, config.sip().tcpPort(), anyPorts);
        addPort(sc, Transport.TLS, config.sip().tlsPort(), anyPorts);
        TlsReloader tlsReloader = null;
        if (config.sip().tlsPort() != 0) {
            Path crt = dataDir.resolve("tls/server.crt");
            Path key = dataDir.resolve("tls/server.key");
            tlsReloader = new TlsReloader(crt, key, TlsMaterial.loadOrGenerate(crt, key, hostName()));
            sc.tls(tlsReloader.keyManagers(), TrustOptions.jvmDefault());
        }
        Trunks trunks = new Trunks(config.trunks(), clock);
        sc.resolver(req -> trunks.nextHop(req).or(() -> location.byContact(req.getRequestURI().toString())
                .map(b -> new HopImpl(b.sourceHost(), b.sourcePort(), b.transport().token()))));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pbx-timers");
            t.setDaemon(true);
            return t;
        });
        CdrWriter cdr = new CdrWriter(dataDir.resolve("cdr"), ZoneId.systemDefault());
        Wiring wiring = new Wiring();
        SipEndpoint endpoint = SipEndpoint.start(sc.build(), wiring);
        SipContext ctx = new SipContext(endpoint);
        Responder responder = new Responder(ctx);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        DigestServer digest = new DigestServer(config.realm(), secret, clock, Duration.ofMinutes(5));
        Authenticator auth = new Authenticator(digest, config, responder, security.failToBan());
        org.minisip.server.routing.MessageRouter messages = new org.minisip.server.routing.MessageRouter(config, ctx,
                location, auth, responder, clock, dataDir.resolve("messages.json"), store);
        Registrar registrar = new Registrar(config, location, auth, responder, clock, registrations,
                messages::onRegistered);
        MediaServices media = new MediaServices(dataDir.resolve("recordings"), ZoneId.systemDefault(), clock, random);
        Presence presence = new Presence(config, ctx, auth, responder, MailboxStatus.NONE, clock);
        CallEnder ender = new CallEnder(cdr, clock, media, presence.callStates());
        TrunkRequests trunkRequests = new TrunkRequests(ctx, random);
        TrunkCalls trunkCalls = new TrunkCalls(trunks, trunkRequests, random);
        B2bua b2bua = new B2bua(config, ctx, location, auth, responder, scheduler, clock, ender, trunkCalls,
                media);
        DialogRelay relay = new DialogRelay(ctx, responder, ender, b2bua);
        wiring.listener = new ServerListener(new CallScreen(new CallRouting(registrar, b2bua, relay, responder,
                messages, presence::onSubscribe),
                config.security().callBlacklist(), responder), responder);
        // expired bindings are skipped when the store is loaded, so dropping them needs no write
        scheduler.scheduleWithFixedDelay(location::purgeExpired, 30, 30, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(security::purge, 30, 30, TimeUnit.SECONDS);
        int reload = config.security().tlsReloadSeconds();
        if (tlsReloader != null && reload > 0) {
            scheduler.scheduleWithFixedDelay(tlsReloader::check, reload, reload, TimeUnit.SECONDS);
        }
        CallbackService callback;
        try {
            callback = CallbackService.start(config, anyPorts, location, trunkCalls, ctx, responder, scheduler, clock,
                    cdr);
        } catch (IOException e) {
            endpoint.close();
            scheduler.shutdownNow();
            presence.close();
            cdr.close();
            media.close();
            store.close();
            throw e;
        }
        TrunkService trunkService = new TrunkService(trunks, ctx, trunkRequests, dataDir, clock, random);
        trunkService.start();
        AdminServer admin = null;
        try {
            admin = AdminServer.start(dataDir.resolve("admin.sock"), security.bans(), security.guard(), clock);
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(PbxServer.class).warn(
                    "no operator socket {} ({}): 'minisipserver-cli bans' will only see saved bans",
                    dataDir.resolve("admin.sock"), e.toString());
        }
        return new PbxServer(endpoint, scheduler, cdr, location, trunkService, callback, media, security, store,
                admin, presence);
    }

    private static void addPort(StackConfig.Builder sc, Transport t, int port, boolean anyPorts) {
        if (port != 0) {
            sc.port(t, anyPorts ? 0 : port);
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** Bound port of a transport (useful when started with any free ports). */
    public int port(Transport t) {
        return endpoint.port(t);
    }

    public boolean has(Transport t) {
        return endpoint.has(t);
    }

    /** UDP port of the call-back service, or 0 when it is disabled. */
    public int callbackPort() {
        return callback == null ? 0 : callback.port();
    }

    /** Call-back requests dropped because they did not come from the application server. */
    public long callbackIgnored() {
        return callback == null ? 0 : callback.ignored();
    }

    public LocationService location() {
        return location;
    }

    public Security security() {
        return security;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
        if (callback != null) {
            callback.close();
        }
        trunkService.close();
        endpoint.close();
        scheduler.shutdownNow();
        presence.close();
        cdr.close();
        media.close();
        store.close();
    }

    /** Breaks the cycle "listener needs components, components need the endpoint": set once before traffic. */
    private static final class Wiring implements javax.sip.SipListener {
        volatile ServerListener listener;

        @Override public void processRequest(javax.sip.RequestEvent e) { if (listener != null) listener.processRequest(e); }
        @Override public void processResponse(javax.sip.ResponseEvent e) { if (listener != null) listener.processResponse(e); }
        @Override public void processTimeout(javax.sip.TimeoutEvent e) { if (listener != null) listener.processTimeout(e); }
        @Override public void processIOException(javax.sip.IOExceptionEvent e) { if (listener != null) listener.processIOException(e); }
        @Override public void processTransactionTerminated(javax.sip.TransactionTerminatedEvent e) { }
        @Override public void processDialogTerminated(javax.sip.DialogTerminatedEvent e) { }
    }
}
