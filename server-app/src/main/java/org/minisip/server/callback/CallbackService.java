package org.minisip.server.callback;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.minisip.server.cdr.CdrWriter;
import org.minisip.server.config.CallbackConfig;
import org.minisip.server.config.ServerConfig;
import org.minisip.server.location.LocationService;
import org.minisip.server.sip.Responder;
import org.minisip.server.sip.SipContext;
import org.minisip.server.trunk.TrunkCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call-back service: a UDP listener ({@code callback.port}, default 5080) for an application server's
 * requests in the {@link CallbackProtocol} format. Datagrams from any address other than
 * {@code callback.application-server} are dropped without an answer (counted, logged at debug). The listener has
 * its own thread; starting a call only sends SIP requests, it never waits for them.
 */
public final class CallbackService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackService.class);
    static final int MAX_ACTIVE = 100;
    private final DatagramSocket socket;
    private final InetAddress applicationServer;
    private final CallbackTargets targets;
    private final CallbackCallFactory calls;
    private final Set<CallbackCall> active = ConcurrentHashMap.newKeySet();
    private final AtomicLong ignored = new AtomicLong();
    private final Thread thread;

    /** Everything a call-back call needs besides its numbers. */
    record CallbackCallFactory(SipContext ctx, Responder responder, ScheduledExecutorService scheduler, Clock clock,
                               int noAnswerSeconds, CdrWriter cdr) {
    }

    private CallbackService(DatagramSocket socket, InetAddress applicationServer, CallbackTargets targets,
                            CallbackCallFactory calls) {
        this.socket = socket;
        this.applicationServer = applicationServer;
        this.targets = targets;
        this.calls = calls;
        this.thread = new Thread(this::loop, "callback-udp");
        this.thread.setDaemon(true);
    }

    /**
     * Binds {@code bind:callback.port} ({@code anyPort}: any free port instead) and starts listening; null when
     * the port is 0 (disabled). IOException when the port cannot be bound: the server does not start.
     */
    public static CallbackService start(ServerConfig config, boolean anyPort, LocationService location,
                                        TrunkCalls trunks, SipContext ctx, Responder responder,
                                        ScheduledExecutorService scheduler, Clock clock, CdrWriter cdr)
            throws IOException {
        CallbackConfig cb = config.callback();
        if (cb.port() == 0) {
            return null;
        }
        DatagramSocket s;
        try {
            s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(config.sip().bind()),
                    anyPort ? 0 : cb.port()));
        } catch (SocketException e) {
            throw new IOException("call-back service: cannot listen on UDP " + config.sip().bind() + ":" + cb.port()
                    + ": " + e.getMessage(), e);
        }
        CallbackService svc = new CallbackService(s, InetAddress.getByName(cb.applicationServer()),
                new CallbackTargets(config, location, trunks, ctx),
                new CallbackCallFactory(ctx, responder, scheduler, clock, config.calls().noAnswerSeconds(), cdr));
        svc.thread.start();
        LOG.info("call-back service on UDP {}:{}, accepting requests from {}", config.sip().bind(), s.getLocalPort(),
                cb.applicationServer());
        return svc;
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Datagrams dropped because they did not come from the application server. */
    public long ignored() {
        return ignored.get();
    }

    private void loop() {
        byte[] buf = new byte[CallbackProtocol.MAX_BYTES + 1];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("call-back service: receive failed: {}", e.toString());
                }
                continue;
            }
            if (!p.getAddress().equals(applicationServer)) {
                ignored.incrementAndGet();
                LOG.debug("call-back request from {} ignored (not the application server)", p.getAddress());
                continue;
            }
            String answer;
            try {
                answer = handle(CallbackProtocol.parse(p.getData(), p.getLength()));
            } catch (RuntimeException e) {
                LOG.warn("call-back request failed: {}", e.toString(), e);
                answer = CallbackProtocol.error("-", 500, "internal error");
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            try {
                socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
            } catch (IOException e) {
                LOG.debug("call-back answer to {} failed: {}", p.getSocketAddress(), e.toString());
            }
        }
    }

    private String handle(CallbackProtocol.Parsed req) {
        if (req instanceof CallbackProtocol.Rejected r) {
            LOG.info("call-back request rejected: {}", r.response());
            return r.response();
        }
        if (req instanceof CallbackProtocol.Ping ping) {
            return CallbackProtocol.pong(ping.id());
        }
        CallbackProtocol.Call c = (CallbackProtocol.Call) req;
        Object a = targets.resolve(c.a());
        Object b = targets.resolve(c.b());
        if (a instanceof CallbackTargets.Refusal r) {
            return CallbackProtocol.error(c.id(), r.code(), "A: " + r.reason());
        }
        if (b instanceof CallbackTargets.Refusal r) {
            return CallbackProtocol.error(c.id(), r.code(), "B: " + r.reason());
        }
        if (active.size() >= MAX_ACTIVE) {
            return CallbackProtocol.error(c.id(), 503, "too many call-backs in progress (" + MAX_ACTIVE + ")");
        }
        CallbackCall[] holder = new CallbackCall[1];
        CallbackCall call = new CallbackCall(c.id(), (CallbackTargets.Target) a, (CallbackTargets.Target) b, targets,
                calls.ctx(), calls.responder(), calls.scheduler(), calls.clock(), calls.noAnswerSeconds(),
                calls.cdr()::write, () -> active.remove(holder[0]));
        holder[0] = call;
        active.add(call);
        try {
            return CallbackProtocol.ok(c.id(), call.start());
        } catch (Exception e) {
            active.remove(call);
            return CallbackProtocol.error(c.id(), 503, "cannot call A: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
