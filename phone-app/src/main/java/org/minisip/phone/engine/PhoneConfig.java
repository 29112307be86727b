package org.minisip.phone.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.TrustManager;
import org.minisip.sdp.SrtpMode;

/**
 * Validated settings of one {@link PhoneEngine}. Built once by the front end; immutable.
 *
 * @param account         the account, or null for a phone that only calls SIP URIs directly and answers calls
 * @param password        digest password; null means "do not register" (calls still go through the account's server)
 * @param authUser        digest user name, or null to use the account user
 * @param srtp            SDES-SRTP policy for offers and answers
 * @param trustManagers   TLS trust for the server certificate; null = the JVM default trust store
 * @param codecs          SDP encoding names in preference order, each known to the codec registry
 * @param localPort       local SIP port, 0 = any free port
 * @param bindAddress     address to bind SIP and media to, or null to use the address of the interface that routes
 *                        to the account's server (127.0.0.1 when there is no account)
 * @param requestedExpires registration lifetime asked for in REGISTER (seconds)
 * @param registerTimeout  how long to wait for a final response to a REGISTER before counting it as 408
 * @param userAgent       User-Agent header value
 * @param dtmfMode        how DTMF is sent (RFC 4733 events or SIP INFO)
 * @param displayName     display name in the From of our calls, or null
 * @param outboundProxy   where every request of the account is sent (Route / next hop), or null to send them to
 *                        the account's host
 */
public record PhoneConfig(AccountUri account, String password, String authUser, SrtpMode srtp,
                          TrustManager[] trustManagers, List<String> codecs, int localPort, String bindAddress,
                          int requestedExpires, Duration registerTimeout, String userAgent, DtmfMode dtmfMode,
                          int ptimeMs, String displayName, OutboundProxy outboundProxy) {

    /** Without an outbound proxy. */
    public PhoneConfig(AccountUri account, String password, String authUser, SrtpMode srtp,
                       TrustManager[] trustManagers, List<String> codecs, int localPort, String bindAddress,
                       int requestedExpires, Duration registerTimeout, String userAgent, DtmfMode dtmfMode,
                       int ptimeMs, String displayName) {
        this(account, password, authUser, srtp, trustManagers, codecs, localPort, bindAddress, requestedExpires,
                registerTimeout, userAgent, dtmfMode, ptimeMs, displayName, null);
    }

    /** Without a display name in the From of our calls. */
    public PhoneConfig(AccountUri account, String password, String authUser, SrtpMode srtp,
                       TrustManager[] trustManagers, List<String> codecs, int localPort, String bindAddress,
                       int requestedExpires, Duration registerTimeout, String userAgent, DtmfMode dtmfMode,
                       int ptimeMs) {
        this(account, password, authUser, srtp, trustManagers, codecs, localPort, bindAddress, requestedExpires,
                registerTimeout, userAgent, dtmfMode, ptimeMs, null);
    }

    /** Without a fixed send packet time (ptimeMs 0: follow the peer's a=ptime, else 20 ms). */
    public PhoneConfig(AccountUri account, String password, String authUser, SrtpMode srtp,
                       TrustManager[] trustManagers, List<String> codecs, int localPort, String bindAddress,
                       int requestedExpires, Duration registerTimeout, String userAgent, DtmfMode dtmfMode) {
        this(account, password, authUser, srtp, trustManagers, codecs, localPort, bindAddress, requestedExpires,
                registerTimeout, userAgent, dtmfMode, 0);
    }

    public static final int DEFAULT_EXPIRES = 600;
    public static final Duration DEFAULT_REGISTER_TIMEOUT = Duration.ofSeconds(10);

    public PhoneConfig {
        Objects.requireNonNull(srtp, "srtp");
        codecs = List.copyOf(codecs);
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("at least one codec is needed");
        }
        if (localPort < 0 || localPort > 65535) {
            throw new IllegalArgumentException("local port out of range: " + localPort);
        }
        Objects.requireNonNull(registerTimeout, "registerTimeout");
        Objects.requireNonNull(dtmfMode, "dtmfMode");
        if (ptimeMs != 0 && (ptimeMs < 10 || ptimeMs > 60)) {
            throw new IllegalArgumentException("ptime must be 10..60 ms: " + ptimeMs);
        }
        if (outboundProxy != null && account == null) {
            throw new IllegalArgumentException("an outbound proxy needs an account");
        }
    }

    /** The transport SIP runs on: the outbound proxy's when there is one, else the account's (UDP without one). */
    public org.minisip.sip.stack.Transport transport() {
        if (outboundProxy != null) {
            return outboundProxy.transport();
        }
        return account != null ? account.transport() : org.minisip.sip.stack.Transport.UDP;
    }

    /** The first hop of the account's requests, {@code HOST:PORT/transport}: the outbound proxy or the account's host. */
    public String nextHop() {
        return outboundProxy != null ? outboundProxy.hop() : account.proxyHop();
    }

    /** Host (no IPv6 brackets) and port the account's requests go to first. */
    public String firstHopHost() {
        return outboundProxy != null ? outboundProxy.socketHost() : account.socketHost();
    }

    public int firstHopPort() {
        return outboundProxy != null ? outboundProxy.port() : account.port();
    }

    /** A config with defaults for everything but the account and password. */
    public static PhoneConfig of(AccountUri account, String password) {
        return new PhoneConfig(account, password, null, SrtpMode.OPTIONAL, null, List.of("PCMU", "PCMA"), 0, null,
                DEFAULT_EXPIRES, DEFAULT_REGISTER_TIMEOUT, "minisipphone", DtmfMode.RFC4733);
    }

    /** True when the engine should register the account before calling. */
    public boolean registers() {
        return account != null && password != null;
    }

    /** Digest user name to authenticate with. */
    public String digestUser() {
        if (authUser != null) {
            return authUser;
        }
        return account != null ? account.user() : "anonymous";
    }

    public PhoneConfig withSrtp(SrtpMode mode) {
        return new PhoneConfig(account, password, authUser, mode, trustManagers, codecs, localPort, bindAddress,
                requestedExpires, registerTimeout, userAgent, dtmfMode, ptimeMs, displayName, outboundProxy);
    }

    public PhoneConfig withBindAddress(String address) {
        return new PhoneConfig(account, password, authUser, srtp, trustManagers, codecs, localPort, address,
                requestedExpires, registerTimeout, userAgent, dtmfMode, ptimeMs, displayName, outboundProxy);
    }

    public PhoneConfig withCodecs(List<String> names) {
        return new PhoneConfig(account, password, authUser, srtp, trustManagers, names, localPort, bindAddress,
                requestedExpires, registerTimeout, userAgent, dtmfMode, ptimeMs, displayName, outboundProxy);
    }

    public PhoneConfig withDtmfMode(DtmfMode mode) {
        return new PhoneConfig(account, password, authUser, srtp, trustManagers, codecs, localPort, bindAddress,
                requestedExpires, registerTimeout, userAgent, mode, ptimeMs, displayName, outboundProxy);
    }

    public PhoneConfig withDisplayName(String name) {
        return new PhoneConfig(account, password, authUser, srtp, trustManagers, codecs, localPort, bindAddress,
                requestedExpires, registerTimeout, userAgent, dtmfMode, ptimeMs, name, outboundProxy);
    }

    public PhoneConfig withTrust(TrustManager[] trust) {
        return new PhoneConfig(account, password, authUser, srtp, trust, codecs, localPort, bindAddress,
                requestedExpires, registerTimeout, userAgent, dtmfMode, ptimeMs, displayName, outboundProxy);
    }

    public PhoneConfig withOutboundProxy(OutboundProxy proxy) {
        return new PhoneConfig(account, password, authUser, srtp, trustManagers, codecs, localPort, bindAddress,
                requestedExpires, registerTimeout, userAgent, dtmfMode, ptimeMs, displayName, proxy);
    }
}
