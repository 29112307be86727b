package org.minisip.sip.stack;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import org.minisip.sip.tls.TlsPolicy;

/**
 * One running JAIN-SIP stack with one provider listening on the configured transports, plus the factories
 * that go with it. Both apps own exactly one of these; it is created with {@link #start} and closed on shutdown.
 *
 * <p>JAIN-SIP calls the {@link SipListener} on its own threads (a pool when reentrant); listeners must not block.
 */
public final class SipEndpoint implements AutoCloseable {
    /** TLS versions for SIP over TLS: 1.3 and 1.2 only (TLS 1.3 needs the fixed SSLStateMachine in this module). */
    static final String[] SIP_TLS_PROTOCOLS = TlsPolicy.PROTOCOLS;
    private static final AtomicLong INSTANCES = new AtomicLong();
    private static final int BIND_ATTEMPTS = 5;

    private final SipStackImpl stack;
    private final SipProvider provider;
    private final String host;
    private final Map<Transport, ListeningPoint> listeningPoints;
    private final AddressFactory addressFactory = new AddressFactoryImpl();
    private final HeaderFactory headerFactory = new HeaderFactoryImpl();
    private final MessageFactory messageFactory = new MessageFactoryImpl();

    private SipEndpoint(SipStackImpl stack, SipProvider provider, String host, Map<Transport, ListeningPoint> lps) {
        this.stack = stack;
        this.provider = provider;
        this.host = host;
        this.listeningPoints = lps;
    }

    /** Creates the stack, binds every configured transport and registers the listener. */
    public static SipEndpoint start(StackConfig config, SipListener listener) throws SipException {
        if (config.ports().isEmpty()) {
            throw new SipException("no SIP transport enabled");
        }
        Slf4jStackLogger.install();
        SipStackImpl stack = createStack(config);
        try {
            InetAddress bind = InetAddress.getByName(config.bindAddress());
            String host = bind.getHostAddress();
            Map<Transport, ListeningPoint> lps = bindAll(stack, config, bind);
            SipProvider provider = null;
            for (ListeningPoint lp : lps.values()) {
                if (provider == null) {
                    provider = stack.createSipProvider(lp);
                } else {
                    provider.addListeningPoint(lp);
                }
            }
            provider.addSipListener(listener);
            provider.setAutomaticDialogSupportEnabled(true);
            stack.start();
            return new SipEndpoint(stack, provider, host, lps);
        } catch (UnknownHostException e) {
            stack.stop();
            StackHandoff.remove(stack.getStackName());
            throw new SipException("bad bind address " + config.bindAddress(), e);
        } catch (Exception e) {
            stack.stop();
            StackHandoff.remove(stack.getStackName());
            throw e instanceof SipException se ? se : new SipException(e.getMessage(), e);
        }
    }

    private static Map<Transport, ListeningPoint> bindAll(SipStackImpl stack, StackConfig config, InetAddress bind)
            throws SipException {
        Map<Transport, ListeningPoint> lps = new EnumMap<>(Transport.class);
        Integer udp = config.ports().get(Transport.UDP);
        Integer tcp = config.ports().get(Transport.TCP);
        int sharedAuto = -1;
        if (udp != null && tcp != null && udp == 0 && tcp == 0) {
            sharedAuto = PortPicker.freePort(bind, true, true);
        }
        for (Map.Entry<Transport, Integer> e : config.ports().entrySet()) {
            Transport t = e.getKey();
            int port = e.getValue();
            lps.put(t, listen(stack, bind, t, port == 0 && t != Transport.TLS && sharedAuto > 0 ? sharedAuto : port));
        }
        return lps;
    }

    private static ListeningPoint listen(SipStackImpl stack, InetAddress bind, Transport t, int port)
            throws SipException {
        Exception last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            int p = port != 0 ? port : PortPicker.freePort(bind, t == Transport.UDP, t != Transport.UDP);
            try {
                return stack.createListeningPoint(bind.getHostAddress(), p, t.token());
            } catch (Exception e) {
                last = e;
                if (port != 0) {
                    break;
                }
            }
        }
        throw new SipException("cannot listen on " + t + " " + bind.getHostAddress() + ":" + port + ": "
                + (last == null ? "" : last.getMessage()), last);
    }

    private static SipStackImpl createStack(StackConfig config) throws SipException {
        Properties p = new Properties();
        String stackName = config.name() + "-" + INSTANCES.incrementAndGet();
        p.setProperty("javax.sip.STACK_NAME", stackName);
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("javax.sip.ROUTER_PATH", ResolvingRouter.class.getName());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(config.threadPoolSize()));
        // MAX_MESSAGE_SIZE: UDP receive buffer and, on streams, the NIO parser's byte budget per message (the
        // patched NioPipelineParser also bounds Content-Length by it before allocating the body)
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(config.limits().maxMessageBytes()));
        // idle TCP/TLS connections are closed by JAIN-SIP's SocketTimeoutAuditor (NIO only)
        p.setProperty("gov.nist.javax.sip.NIO_MAX_SOCKET_IDLE_TIME",
                Long.toString(config.limits().idleSeconds() * 1000L));
        // NIO processors: the only TCP/TLS implementation that takes key/trust managers from our provider
        // (the blocking one reads keystore files from system properties), and one selector thread for all streams;
        // ours add the accept-time admission check (InboundGuard, per-address connection cap)
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", GuardedMessageProcessorFactory.class.getName());
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", GuardedParserFactory.class.getName());
        p.setProperty("gov.nist.javax.sip.SIP_MESSAGE_VALVE", GuardValve.class.getName());
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        p.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", "5000");
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", String.join(",", SIP_TLS_PROTOCOLS));
        String[] suites = config.cipherSuites() != null ? config.cipherSuites() : TlsPolicy.cipherSuites();
        if (suites.length > 0) {
            p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(",", suites));
        }
        p.setProperty("gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER", TlsManagersProvider.class.getName());
        StackHandoff.put(stackName, new StackHandoff.Objects(config.keyManagers(), config.trustManagers(),
                config.resolver(), config.guard(), config.limits()));
        if (config.timerClass() != null) {
            p.setProperty("gov.nist.javax.sip.TIMER_CLASS_NAME", config.timerClass());
        }
        if (config.outboundProxy() != null) {
            p.setProperty("javax.sip.OUTBOUND_PROXY", config.outboundProxy());
        }
        try {
            return new SipStackImpl(p);
        } catch (SipException | RuntimeException e) {
            StackHandoff.remove(stackName);
            throw e;
        }
    }

    public SipProvider provider() { return provider; }
    public AddressFactory addresses() { return addressFactory; }
    public HeaderFactory headers() { return headerFactory; }
    public MessageFactory messages() { return messageFactory; }

    /** The address listening points are bound to (may be a wildcard such as 0.0.0.0). */
    public String bindHost() { return host; }

    public boolean has(Transport t) { return listeningPoints.containsKey(t); }

    /** Bound port for a transport; IllegalStateException if that transport is not enabled. */
    public int port(Transport t) {
        return listeningPoint(t).getPort();
    }

    public ListeningPoint listeningPoint(Transport t) {
        ListeningPoint lp = listeningPoints.get(t);
        if (lp == null) {
            throw new IllegalStateException(t + " is not enabled");
        }
        return lp;
    }

    @Override
    public void close() {
        try {
            for (ListeningPoint lp : listeningPoints.values()) {
                provider.removeListeningPoint(lp);
                stack.deleteListeningPoint(lp);
            }
            stack.deleteSipProvider(provider);
        } catch (Exception ignored) {
            // shutting down: nothing useful to do
        }
        stack.stop();
        StackHandoff.remove(stack.getStackName());
    }
}
