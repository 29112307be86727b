package org.minisip.sip.tls;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The TLS versions and cipher suites minisip allows for SIP over TLS (RFC 5630, RFC 7525 recommendations):
 * TLS 1.3 and 1.2 only, AEAD cipher suites with forward secrecy only.
 *
 * <p>Stateless and thread-safe. {@link #PROTOCOLS} is a public array for configuration code that needs a
 * {@code String[]}; do not modify it (use {@link #protocols()} for a private copy).
 */
public final class TlsPolicy {
    /** Allowed protocol versions, strongest first. Treat as read-only. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /** Preferred suites, strongest first; filtered against the running JVM by {@link #cipherSuites()}. */
    private static final List<String> CANDIDATES = List.of(
            // TLS 1.3
            "TLS_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256",
            // TLS 1.2, ECDHE + AEAD only
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsPolicy() {
    }

    /** A fresh copy of {@link #PROTOCOLS}. */
    public static String[] protocols() {
        return PROTOCOLS.clone();
    }

    /**
     * The strong AEAD suites (TLS 1.3 suites and ECDHE-ECDSA/RSA with AES-GCM or ChaCha20-Poly1305) that the
     * running JVM supports, strongest first. Never null; empty only on a JVM without any of them.
     */
    public static String[] cipherSuites() {
        Set<String> supported;
        try {
            supported = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JVM has no default SSLContext", e);
        }
        List<String> out = new ArrayList<>();
        for (String s : CANDIDATES) {
            if (supported.contains(s)) {
                out.add(s);
            }
        }
        return out.toArray(String[]::new);
    }

    /** Restricts {@code params} to {@link #PROTOCOLS} and {@link #cipherSuites()}; returns it for chaining. */
    public static SSLParameters apply(SSLParameters params) {
        params.setProtocols(protocols());
        params.setCipherSuites(cipherSuites());
        return params;
    }

    /** Restricts a socket (client or accepted server socket) to the policy. Call before the handshake. */
    public static void apply(SSLSocket socket) {
        socket.setEnabledProtocols(intersect(PROTOCOLS, socket.getSupportedProtocols()));
        socket.setEnabledCipherSuites(intersect(cipherSuites(), socket.getSupportedCipherSuites()));
    }

    /** Restricts a listening socket to the policy. Call before {@code accept()}. */
    public static void apply(SSLServerSocket socket) {
        socket.setEnabledProtocols(intersect(PROTOCOLS, socket.getSupportedProtocols()));
        socket.setEnabledCipherSuites(intersect(cipherSuites(), socket.getSupportedCipherSuites()));
    }

    private static String[] intersect(String[] wanted, String[] supported) {
        List<String> sup = Arrays.asList(supported);
        return Arrays.stream(wanted).filter(sup::contains).toArray(String[]::new);
    }
}
