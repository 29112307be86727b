package org.minisip.server.config;

import java.util.List;
import java.util.Optional;

/**
 * The validated contents of {@code server.yaml}. Built only by {@link ConfigLoader}, which rejects unknown keys
 * and bad values, so everything here is already checked.
 */
public record ServerConfig(Sip sip, Registrar registrar, Calls calls, Auth auth, List<Extension> extensions,
                           Services services, List<TrunkConfig> trunks, CallbackConfig callback,
                           SecurityConfig security) {

    /** {@code extensions} is kept as an unmodifiable list indexed by number, so {@link #extension} is a map lookup. */
    public ServerConfig {
        extensions = ExtensionList.of(extensions);
    }

    /** Without services, trunks or call-back service (that one disabled). */
    public ServerConfig(Sip sip, Registrar registrar, Calls calls, Auth auth, List<Extension> extensions) {
        this(sip, registrar, calls, auth, extensions, Services.NONE, List.of(), new CallbackConfig(0, "127.0.0.1"),
                SecurityConfig.defaults());
    }

    /** Listening addresses and ports; a port of 0 disables that transport. */
    public record Sip(String bind, int udpPort, int tcpPort, int tlsPort, String domain) {
    }

    /** Bounds for REGISTER expiry, seconds (RFC 3261 §10.3 steps 7-8). */
    public record Registrar(int minExpires, int maxExpires, int defaultExpires) {
    }

    /**
     * Call handling: how long an unanswered call rings before the caller gets 408, and how many forwarding hops
     * one call may take (a longer chain ends with 483 Too Many Hops).
     */
    public record Calls(int noAnswerSeconds, int forwardHops) {
        public static final int DEFAULT_FORWARD_HOPS = 5;

        public Calls(int noAnswerSeconds) {
            this(noAnswerSeconds, DEFAULT_FORWARD_HOPS);
        }
    }

    /**
     * Digest challenges offered, in this order (RFC 8760). Default: MD5 only. Deployed clients break on a SHA-256
     * challenge: SIPp answers only the first challenge and knows only MD5, and libre-based phones (baresip 1.0)
     * fail the whole REGISTER with ENOSYS when any challenge uses an algorithm they lack. Credentials with either
     * algorithm are verified whatever is offered; {@code [SHA-256, MD5]} suits fleets that support it.
     */
    public record Auth(List<org.minisip.sip.auth.DigestAlgorithm> algorithms) {
    }

    /**
     * One extension; {@code forward} is {@link Services.Forwarding#NONE} when not set, {@code record} makes the
     * server record every call to or from it.
     */
    public record Extension(String number, String password, String displayName, Services.Forwarding forward,
                            boolean record) {
        public Extension(String number, String password, String displayName) {
            this(number, password, displayName, Services.Forwarding.NONE, false);
        }
    }

    public Optional<Extension> extension(String number) {
        return ((ExtensionList) extensions).find(number);
    }

    /** True when {@code number} is an extension, a hunting group or a conference room. */
    public boolean isLocalNumber(String number) {
        return extension(number).isPresent() || services.huntGroup(number).isPresent()
                || services.room(number).isPresent();
    }

    /** Realm for digest challenges: the domain when set, else a fixed product realm. */
    public String realm() {
        return sip.domain() != null ? sip.domain() : "minisip";
    }
}
