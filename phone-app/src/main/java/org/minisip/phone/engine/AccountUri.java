package org.minisip.phone.engine;

import java.util.Locale;
import java.util.Objects;
import org.minisip.sip.stack.Transport;

/**
 * A parsed account URI {@code sip:USER@HOST[:PORT][;transport=udp|tcp|tls]} (the {@code --account} option).
 *
 * <p>The registrar and outbound proxy is {@code HOST:PORT} over {@code transport}; the port defaults to 5060, or
 * 5061 for TLS. The address-of-record is {@code sip:USER@HOST}; when a port was written it is kept in the
 * Request-URI host ({@link #domain()}) so that calls to extensions and REGISTER go to {@code HOST:PORT}.
 *
 * @param explicitPort the port as written, or 0 when absent
 */
public record AccountUri(String user, String host, int explicitPort, Transport transport) {

    public AccountUri {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
    }

    /**
     * Parses the account option; throws IllegalArgumentException with a message fit for the user on any problem.
     */
    public static AccountUri parse(String text) {
        if (text == null || !text.regionMatches(true, 0, "sip:", 0, 4)) {
            throw new IllegalArgumentException("account must look like sip:USER@HOST[:PORT][;transport=udp|tcp|tls]"
                    + ", got '" + text + "'");
        }
        String rest = text.substring(4);
        Transport transport = Transport.UDP;
        int semi = rest.indexOf(';');
        if (semi >= 0) {
            for (String param : rest.substring(semi + 1).split(";")) {
                String[] kv = param.split("=", 2);
                if (kv[0].equalsIgnoreCase("transport") && kv.length == 2) {
                    transport = Transport.parse(kv[1]);
                } else if (!kv[0].isBlank()) {
                    throw new IllegalArgumentException("unsupported account URI parameter '" + param + "'");
                }
            }
            rest = rest.substring(0, semi);
        }
        int at = rest.lastIndexOf('@');
        if (at <= 0 || at == rest.length() - 1) {
            throw new IllegalArgumentException("account URI needs USER@HOST, got '" + text + "'");
        }
        String user = rest.substring(0, at);
        String hostPort = rest.substring(at + 1);
        String host;
        String portText = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unbalanced IPv6 brackets in '" + text + "'");
            }
            host = hostPort.substring(0, close + 1);
            if (close + 1 < hostPort.length()) {
                if (hostPort.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("bad host in '" + text + "'");
                }
                portText = hostPort.substring(close + 2);
            }
        } else {
            int colon = hostPort.indexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            portText = colon < 0 ? null : hostPort.substring(colon + 1);
        }
        if (host.isEmpty() || host.contains(" ")) {
            throw new IllegalArgumentException("bad host in account URI '" + text + "'");
        }
        int port = 0;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("bad port '" + portText + "' in account URI");
            }
        }
        return new AccountUri(user, host.toLowerCase(Locale.ROOT), port, transport);
    }

    /** The server port: the explicit one, else the transport's default. */
    public int port() {
        return explicitPort > 0 ? explicitPort : transport.defaultPort();
    }

    /** Host without IPv6 brackets, for socket APIs. */
    public String socketHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** Address-of-record, {@code sip:USER@HOST}. */
    public String aor() {
        return "sip:" + user + "@" + host;
    }

    /** Host part for Request-URIs: {@code HOST} or {@code HOST:PORT} when a port was given. */
    public String domain() {
        return explicitPort > 0 ? host + ":" + explicitPort : host;
    }

    /** JAIN-SIP outbound proxy hop, {@code HOST:PORT/transport}. */
    public String proxyHop() {
        return host + ":" + port() + "/" + transport.token();
    }
}
