package org.minisip.phone.engine;

import java.util.Locale;
import java.util.Objects;
import org.minisip.sip.stack.Transport;

/**
 * An outbound proxy (RFC 3261 §8.1.2, "pre-existing route set"): every request of the account leaves through
 * {@code HOST:PORT} over {@code transport}, while the Request-URI, From and To stay on the account's domain.
 * Out-of-dialog requests carry it as a loose {@code Route} ({@code ;lr}); JAIN-SIP's outbound-proxy setting makes
 * it the next hop of every request that has no Route of its own.
 *
 * @param explicitPort the port as written, or 0 for the transport's default (5060, 5061 for TLS)
 */
public record OutboundProxy(String host, int explicitPort, Transport transport) {

    public OutboundProxy {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
    }

    /**
     * Parses {@code [sip:]HOST[:PORT][;transport=udp|tcp|tls]} ({@code [v6]:PORT} for IPv6). Without a transport
     * parameter the account's transport is used. Throws IllegalArgumentException with a message fit for the user.
     */
    public static OutboundProxy parse(String text, Transport accountTransport) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("outbound proxy is empty");
        }
        String t = text.strip();
        if (t.regionMatches(true, 0, "sip:", 0, 4)) {
            t = t.substring(4);
        }
        if (t.contains("@")) {
            throw new IllegalArgumentException("outbound proxy must be HOST[:PORT][;transport=udp|tcp|tls], "
                    + "without a user: '" + text + "'");
        }
        // the account URI parser checks host, port and transport the same way
        AccountUri parsed;
        try {
            parsed = AccountUri.parse("sip:proxy@" + t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("outbound proxy must be HOST[:PORT][;transport=udp|tcp|tls]: '"
                    + text + "'");
        }
        Transport transport = t.toLowerCase(Locale.ROOT).contains(";transport=") ? parsed.transport()
                : accountTransport;
        return new OutboundProxy(parsed.host(), parsed.explicitPort(), transport);
    }

    /** The port: the explicit one, else the transport's default. */
    public int port() {
        return explicitPort > 0 ? explicitPort : transport.defaultPort();
    }

    /** Host without IPv6 brackets, for socket APIs. */
    public String socketHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** JAIN-SIP hop syntax, {@code HOST:PORT/transport}. */
    public String hop() {
        return host + ":" + port() + "/" + transport.token();
    }

    /** The loose-routing Route URI, {@code sip:HOST:PORT;transport=T;lr}. */
    public String routeUri() {
        return "sip:" + host + ":" + port() + ";transport=" + transport.token() + ";lr";
    }

    /** The settings / command line form, {@code HOST:PORT;transport=T}. */
    @Override
    public String toString() {
        return host + ":" + port() + ";transport=" + transport.token();
    }
}
