package org.minisip.sip.stack;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * What a {@link SipEndpoint} listens on and how it secures TLS. Ports: a value of 0 picks a free port, a negative
 * value (or absence) disables the transport. Built with {@link #builder(String)}.
 *
 * @param outboundProxy JAIN-SIP hop syntax {@code host:port/transport}, or null
 * @param cipherSuites  TLS cipher suites to enable, or null for the JVM defaults
 * @param guard         inbound admission (default: admit everything)
 * @param limits        input limits (default {@link InputLimits#DEFAULT})
 * @param timerClass    JAIN-SIP timer implementation ({@code gov.nist.javax.sip.stack.timers.SipTimer} with a
 *                      public no-argument constructor), or null for JAIN-SIP's default ({@code java.util.Timer})
 */
public record StackConfig(String name, String bindAddress, Map<Transport, Integer> ports, KeyManager[] keyManagers,
                          TrustManager[] trustManagers, String[] cipherSuites, NextHopResolver resolver,
                          String outboundProxy, int threadPoolSize, InboundGuard guard, InputLimits limits,
                          String timerClass) {

    public StackConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bindAddress, "bindAddress");
        ports = Map.copyOf(ports);
        guard = guard != null ? guard : InboundGuard.OPEN;
        limits = limits != null ? limits : InputLimits.DEFAULT;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private final String name;
        private String bindAddress = "0.0.0.0";
        private final Map<Transport, Integer> ports = new EnumMap<>(Transport.class);
        private KeyManager[] keyManagers;
        private TrustManager[] trustManagers;
        private String[] cipherSuites;
        private NextHopResolver resolver;
        private String outboundProxy;
        private int threadPoolSize = 4;
        private InboundGuard guard;
        private InputLimits limits;
        private String timerClass;

        private Builder(String name) {
            this.name = name;
        }

        public Builder bind(String address) { this.bindAddress = address; return this; }

        /** Enables a transport on a port (0 = any free port); negative disables it. */
        public Builder port(Transport t, int port) {
            if (port < 0) {
                ports.remove(t);
            } else {
                ports.put(t, port);
            }
            return this;
        }

        public Builder tls(KeyManager[] km, TrustManager[] tm) { keyManagers = km; trustManagers = tm; return this; }
        public Builder cipherSuites(String[] suites) { cipherSuites = suites; return this; }
        public Builder resolver(NextHopResolver r) { resolver = r; return this; }
        public Builder outboundProxy(String hop) { outboundProxy = hop; return this; }
        public Builder threads(int n) { threadPoolSize = n; return this; }
        /** Asked about every inbound datagram, connection and request before JAIN-SIP acts on it. */
        public Builder guard(InboundGuard g) { guard = g; return this; }
        public Builder limits(InputLimits l) { limits = l; return this; }
        public Builder timer(Class<?> sipTimer) { timerClass = sipTimer.getName(); return this; }

        public StackConfig build() {
            return new StackConfig(name, bindAddress, ports, keyManagers, trustManagers, cipherSuites, resolver,
                    outboundProxy, threadPoolSize, guard, limits, timerClass);
        }
    }
}
