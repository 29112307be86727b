package org.minisip.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads and validates the {@code trunks:} list and the {@code callback:} section of {@code server.yaml}. */
final class TrunksSection {
    private static final Set<String> TRUNK = Set.of("name", "registrar", "address", "transport", "username",
            "password", "register", "register-expires", "retry-seconds", "same-call-id", "outbound-prefix",
            "use-tel-uri", "request-uri-params", "no-answer-seconds", "inbound-to");
    private static final Set<String> CALLBACK = Set.of("port", "application-server");

    private TrunksSection() {
    }

    static CallbackConfig callback(ConfigLoader.Reader r, JsonNode root) throws ConfigException {
        JsonNode n = r.optionalObject(root, "callback", CALLBACK);
        return new CallbackConfig(r.port(n, "callback.port", 5080),
                r.address(n, "callback.application-server", "127.0.0.1"));
    }

    static List<TrunkConfig> trunks(ConfigLoader.Reader r, JsonNode node) throws ConfigException {
        List<TrunkConfig> list = new ArrayList<>();
        if (node == null || node.isNull()) {
            return list;
        }
        if (!node.isArray()) {
            throw r.error("trunks", "must be a list");
        }
        Set<String> names = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            TrunkConfig t = trunk(r, node.get(i), "trunks[" + i + "]");
            if (!names.add(t.name())) {
                throw r.error("trunks[" + i + "].name", "duplicate trunk name " + t.name());
            }
            if (t.outboundPrefix() != null && !prefixes.add(t.outboundPrefix())) {
                throw r.error("trunks[" + i + "].outbound-prefix", "prefix '" + t.outboundPrefix()
                        + "' is already used by another trunk");
            }
            list.add(t);
        }
        return List.copyOf(list);
    }

    private static TrunkConfig trunk(ConfigLoader.Reader r, JsonNode e, String key) throws ConfigException {
        r.object(e, key, TRUNK);
        String name = r.requiredText(e, key + ".name");
        if (!name.matches("[A-Za-z0-9_-]{1,32}")) {
            throw r.error(key + ".name", "'" + name + "' must be 1-32 letters, digits, '-' or '_'");
        }
        String registrar = r.optionalText(e, key + ".registrar");
        String address = r.optionalText(e, key + ".address");
        if ((registrar == null) == (address == null)) {
            throw r.error(key, "needs exactly one of 'registrar' (carrier account) or 'address' (IP-trusted gateway)");
        }
        boolean gateway = address != null;
        String hostKey = key + (gateway ? ".address" : ".registrar");
        String transport = r.optionalText(e, key + ".transport");
        transport = transport == null ? "udp" : transport.toLowerCase(java.util.Locale.ROOT);
        if (!Set.of("udp", "tcp", "tls").contains(transport)) {
            throw r.error(key + ".transport", "must be udp, tcp or tls (got '" + transport + "')");
        }
        HostPort hp = HostPort.parse(r, hostKey, gateway ? address : registrar, transport.equals("tls") ? 5061 : 5060);
        String username = r.optionalText(e, key + ".username");
        String password = r.optionalText(e, key + ".password");
        if (username != null && !username.matches("[A-Za-z0-9!~*'()&=+$,;?/._%-]{1,64}")) {
            throw r.error(key + ".username", "'" + username + "' is not a valid SIP user name");
        }
        if (password != null && username == null) {
            throw r.error(key + ".password", "is set but 'username' is missing");
        }
        boolean register = bool(r, e, key + ".register", !gateway && username != null && password != null);
        if (register && gateway) {
            throw r.error(key + ".register", "an 'address' gateway does not register; use 'registrar' instead");
        }
        if (register && (username == null || password == null)) {
            throw r.error(key + ".register", "registration needs 'username' and 'password'");
        }
        String prefix = r.optionalText(e, key + ".outbound-prefix");
        if (prefix != null && !prefix.matches("[0-9*#+]{1,16}")) {
            throw r.error(key + ".outbound-prefix", "'" + prefix + "' must be 1-16 of 0-9 * # +");
        }
        String params = r.optionalText(e, key + ".request-uri-params");
        params = params == null ? "" : params.replaceFirst("^;", "");
        if (!params.isEmpty() && !params.matches("[A-Za-z0-9-]+(=[A-Za-z0-9._~%+-]+)?(;[A-Za-z0-9-]+(=[A-Za-z0-9._~%+-]+)?)*")) {
            throw r.error(key + ".request-uri-params", "'" + params + "' must look like name=value;name2=value2");
        }
        String inboundTo = r.optionalText(e, key + ".inbound-to");
        if (inboundTo != null && !inboundTo.matches("[0-9A-Za-z*#+._-]{1,32}")) {
            throw r.error(key + ".inbound-to", "'" + inboundTo + "' is not a valid extension number");
        }
        return new TrunkConfig(name, hp.host(), hp.port(), gateway, transport, username, password, register,
                r.integer(e, key + ".register-expires", 3600, 60, 86400),
                r.integer(e, key + ".retry-seconds", 60, 1, 3600),
                bool(r, e, key + ".same-call-id", true), prefix, bool(r, e, key + ".use-tel-uri", false), params,
                r.integer(e, key + ".no-answer-seconds", 0, 0, 3600), inboundTo);
    }

    private static boolean bool(ConfigLoader.Reader r, JsonNode parent, String key, boolean dflt)
            throws ConfigException {
        JsonNode n = parent.get(key.substring(key.lastIndexOf('.') + 1));
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        throw r.error(key, "must be true or false (got '" + n.asText() + "')");
    }

    /** {@code host[:port]}, {@code [v6]:port} or a bare IPv6 literal. */
    record HostPort(String host, int port) {
        static HostPort parse(ConfigLoader.Reader r, String key, String v, int dfltPort) throws ConfigException {
            String host = v;
            String port = null;
            if (v.startsWith("[")) {
                int close = v.indexOf(']');
                if (close < 0) {
                    throw r.error(key, "'" + v + "' has no closing ']'");
                }
                host = v.substring(1, close);
                String rest = v.substring(close + 1);
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        throw r.error(key, "'" + v + "' must be host[:port]");
                    }
                    port = rest.substring(1);
                }
            } else if (v.indexOf(':') >= 0 && v.indexOf(':') == v.lastIndexOf(':')) {
                host = v.substring(0, v.indexOf(':'));
                port = v.substring(v.indexOf(':') + 1);
            }
            if (host.isEmpty() || !(host.matches("[A-Za-z0-9.-]+") || host.matches("[0-9A-Fa-f:.]+"))) {
                throw r.error(key, "'" + v + "' must be host[:port]");
            }
            int p = dfltPort;
            if (port != null) {
                if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                    throw r.error(key, "'" + v + "' has a bad port (1-65535)");
                }
                p = Integer.parseInt(port);
            }
            return new HostPort(host, p);
        }
    }
}
