package org.minisip.sip.stack;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * Hands our objects (TLS managers, next-hop resolver, inbound guard and
 * limits) to the plug-ins JAIN-SIP instantiates reflectively with
 * no-arg constructors ({@link TlsManagersProvider}, {@link ResolvingRouter}). JAIN-SIP wraps the configuration
 * {@code Properties} in a copy that only returns strings, so objects cannot travel there; they are kept here,
 * keyed by the unique stack name, from just before the stack is created until {@link SipEndpoint#close()}.
 * This is the only static state in the SIP layer and it exists solely for that hand-off.
 */
final class StackHandoff {
    record Objects(KeyManager[] keyManagers, TrustManager[] trustManagers, NextHopResolver resolver,
                   InboundGuard guard, InputLimits limits) {
    }

    private static final Map<String, Objects> BY_STACK = new ConcurrentHashMap<>();

    private StackHandoff() {
    }

    static void put(String stackName, Objects objects) {
        BY_STACK.put(stackName, objects);
    }

    static Optional<Objects> get(String stackName) {
        return stackName == null ? Optional.empty() : Optional.ofNullable(BY_STACK.get(stackName));
    }

    static void remove(String stackName) {
        BY_STACK.remove(stackName);
    }
}
