package org.minisip.server.config;

import java.util.List;
import java.util.Optional;

/**
 * The validated contents of {@code server.yaml}. Built only by {@link ConfigLoader}, which rejects unknown keys
 * and bad values, so everything here is already checked.
 */
public record ServerConfig(Sip sip, Registrar registrar, Calls calls, Auth auth, List<Extension> extensions) {

    /** Listening addresses and ports; a port of 0 disables that transport. */
    public record Sip(String bind, int udpPort, int tcpPort, int tlsPort, String domain) {
    }

    /** Bounds for REGISTER expiry, seconds (RFC 3261 §10.3 steps 7-8). */
    public record Registrar(int minExpires, int maxExpires, int defaultExpires) {
    }

    /** Call handling: how long an unanswered call rings before the caller gets 408. */
    public record Calls(int noAnswerSeconds) {
    }

    /**
     * Digest challenges offered, in this order (RFC 8760). Default: MD5 only. Deployed clients break on a SHA-256
     * challenge: SIPp answers only the first challenge and knows only MD5, and libre-based phones (baresip 1.0)
     * fail the whole REGISTER with ENOSYS when any challenge uses an algorithm they lack. Credentials with either
     * algorithm are verified whatever is offered; {@code [SHA-256, MD5]} suits fleets that support it.
     */
    public record Auth(List<org.minisip.sip.auth.DigestAlgorithm> algorithms) {
    }

    public record Extension(String number, String password, String displayName) {
    }

    public Optional<Extension> extension(String number) {
        return extensions.stream().filter(e -> e.number().equals(number)).findFirst();
    }

    /** Realm for digest challenges: the domain when set, else a fixed product realm. */
    public String realm() {
        return sip.domain() != null ? sip.domain() : "minisip";
    }
}
