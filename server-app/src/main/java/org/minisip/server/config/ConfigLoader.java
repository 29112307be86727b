package org.minisip.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.minisip.sip.auth.DigestAlgorithm;

/**
 * Reads {@code server.yaml} strictly: unknown keys, wrong types and out-of-range values are errors that name the
 * file, the key path and the problem, so the server never starts half-configured.
 */
public final class ConfigLoader {
    private static final Set<String> TOP = Set.of("sip", "registrar", "calls", "auth", "extensions",
            "hunting-groups", "conference-rooms", "trunks", "callback", "security");
    private static final Set<String> SIP = Set.of("bind", "udp-port", "tcp-port", "tls-port", "domain");
    private static final Set<String> REGISTRAR = Set.of("min-expires", "max-expires", "default-expires");
    private static final Set<String> CALLS = Set.of("no-answer-seconds", "forward-hops");
    private static final Set<String> AUTH = Set.of("algorithms");
    private static final Set<String> EXTENSION = Set.of("number", "password", "display-name", "forward", "record");

    /**
     * SnakeYAML refuses documents over 3 MB by default; a PBX with 100 000 extensions has a ~5 MB server.yaml.
     * The file is the operator's own, so the bound only guards against a runaway file: 64 M code points.
     */
    static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

    private final ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
            .loaderOptions(loaderOptions()).build());

    private static org.yaml.snakeyaml.LoaderOptions loaderOptions() {
        org.yaml.snakeyaml.LoaderOptions o = new org.yaml.snakeyaml.LoaderOptions();
        o.setCodePointLimit(MAX_CODE_POINTS);
        return o;
    }

    public ServerConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    /** Parses YAML text; {@code source} names it in error messages. */
    public ServerConfig parse(String source, String text) throws ConfigException {
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException(source + ": not valid YAML" + where + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = yaml.createObjectNode();
        }
        Reader r = new Reader(source);
        r.object(root, "", TOP);
        JsonNode sipNode = r.optionalObject(root, "sip", SIP);
        ServerConfig.Sip sip = new ServerConfig.Sip(
                r.address(sipNode, "sip.bind", AnyAddress.dualStackOrIpv4()),
                r.port(sipNode, "sip.udp-port", 5060),
                r.port(sipNode, "sip.tcp-port", 5060),
                r.port(sipNode, "sip.tls-port", 5061),
                r.optionalText(sipNode, "sip.domain"));
        if (sip.udpPort() == 0 && sip.tcpPort() == 0 && sip.tlsPort() == 0) {
            throw r.error("sip", "every transport is disabled (udp-port, tcp-port and tls-port are all 0)");
        }
        JsonNode regNode = r.optionalObject(root, "registrar", REGISTRAR);
        ServerConfig.Registrar reg = new ServerConfig.Registrar(
                r.integer(regNode, "registrar.min-expires", 60, 1, 86400),
                r.integer(regNode, "registrar.max-expires", 3600, 1, 604800),
                r.integer(regNode, "registrar.default-expires", 600, 1, 604800));
        if (reg.minExpires() > reg.maxExpires()) {
            throw r.error("registrar.min-expires", "is larger than registrar.max-expires");
        }
        JsonNode callsNode = r.optionalObject(root, "calls", CALLS);
        ServerConfig.Calls calls = new ServerConfig.Calls(
                r.integer(callsNode, "calls.no-answer-seconds", 60, 1, 3600),
                r.integer(callsNode, "calls.forward-hops", ServerConfig.Calls.DEFAULT_FORWARD_HOPS, 1, 20));
        JsonNode authNode = r.optionalObject(root, "auth", AUTH);
        List<ServerConfig.Extension> extensions = extensions(r, root.get("extensions"));
        ServicesLoader services = new ServicesLoader(r);
        Services svc = services.services(root, extensions);
        return new ServerConfig(sip, reg, calls, auth(r, authNode.get("algorithms")),
                services.checkForwardTargets(extensions, svc), svc, TrunksSection.trunks(r, root.get("trunks")),
                TrunksSection.callback(r, root), SecuritySection.read(r, root));
    }

    private static ServerConfig.Auth auth(Reader r, JsonNode node) throws ConfigException {
        if (node == null || node.isNull()) {
            return new ServerConfig.Auth(List.of(DigestAlgorithm.MD5));
        }
        if (!node.isArray() || node.isEmpty()) {
            throw r.error("auth.algorithms", "must be a non-empty list such as [MD5, SHA-256]");
        }
        List<DigestAlgorithm> list = new ArrayList<>();
        for (JsonNode n : node) {
            DigestAlgorithm a = DigestAlgorithm.parse(n.asText()).orElseThrow(() ->
                    r.error("auth.algorithms", "unknown algorithm '" + n.asText() + "' (use MD5 or SHA-256)"));
            if (list.contains(a)) {
                throw r.error("auth.algorithms", "lists " + n.asText() + " twice");
            }
            list.add(a);
        }
        return new ServerConfig.Auth(List.copyOf(list));
    }

    private static List<ServerConfig.Extension> extensions(Reader r, JsonNode node) throws ConfigException {
        List<ServerConfig.Extension> list = new ArrayList<>();
        if (node == null || node.isNull()) {
            return list;
        }
        if (!node.isArray()) {
            throw r.error("extensions", "must be a list");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String key = "extensions[" + i + "]";
            JsonNode e = node.get(i);
            r.object(e, key, EXTENSION);
            String number = r.requiredText(e, key + ".number");
            if (!number.matches("[0-9A-Za-z*#+._-]{1,32}")) {
                throw r.error(key + ".number", "'" + number + "' is not a valid extension number");
            }
            if (!seen.add(number)) {
                throw r.error(key + ".number", "duplicate extension " + number);
            }
            String password = r.requiredText(e, key + ".password");
            if (password.isEmpty()) {
                throw r.error(key + ".password", "must not be empty");
            }
            list.add(new ServerConfig.Extension(number, password, r.optionalText(e, key + ".display-name"),
                    ServicesLoader.forwarding(r, e.get("forward"), key + ".forward"),
                    r.bool(e, key + ".record", false)));
        }
        return list;
    }

    /** Typed access to nodes with errors that name the key path. */
    static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        ConfigException error(String key, String problem) {
            return new ConfigException(source + ": " + key + ": " + problem);
        }

        void object(JsonNode node, String key, Set<String> allowed) throws ConfigException {
            if (!(node instanceof ObjectNode)) {
                throw error(key.isEmpty() ? "(top level)" : key, "must be a mapping of keys to values");
            }
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                String name = it.next().getKey();
                if (!allowed.contains(name)) {
                    throw error(key.isEmpty() ? name : key + "." + name,
                            "unknown key (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            }
        }

        JsonNode optionalObject(JsonNode parent, String key, Set<String> allowed) throws ConfigException {
            JsonNode n = parent.get(key);
            if (n == null || n.isNull()) {
                return yamlEmpty();
            }
            object(n, key, allowed);
            return n;
        }

        private static JsonNode yamlEmpty() {
            return new ObjectMapper().createObjectNode();
        }

        private static String leaf(String key) {
            int dot = key.lastIndexOf('.');
            return dot < 0 ? key : key.substring(dot + 1);
        }

        int integer(JsonNode parent, String key, int dflt, int min, int max) throws ConfigException {
            JsonNode n = parent.get(leaf(key));
            if (n == null || n.isNull()) {
                return dflt;
            }
            if (!n.canConvertToInt() || !(n.isIntegralNumber() || n.asText().matches("-?\\d+"))) {
                throw error(key, "must be a whole number (got '" + n.asText() + "')");
            }
            int v = n.isIntegralNumber() ? n.intValue() : Integer.parseInt(n.asText());
            if (v < min || v > max) {
                throw error(key, "must be between " + min + " and " + max + " (got " + v + ")");
            }
            return v;
        }

        int port(JsonNode parent, String key, int dflt) throws ConfigException {
            return integer(parent, key, dflt, 0, 65535);
        }

        boolean bool(JsonNode parent, String key, boolean dflt) throws ConfigException {
            JsonNode n = parent.get(leaf(key));
            if (n == null || n.isNull()) {
                return dflt;
            }
            if (!n.isBoolean()) {
                throw error(key, "must be true or false (got '" + n.asText() + "')");
            }
            return n.booleanValue();
        }

        String optionalText(JsonNode parent, String key) throws ConfigException {
            JsonNode n = parent.get(leaf(key));
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isValueNode() || n.isBoolean()) {
                throw error(key, "must be a text value");
            }
            return n.asText().trim();
        }

        String requiredText(JsonNode parent, String key) throws ConfigException {
            String v = optionalText(parent, key);
            if (v == null) {
                throw error(key, "is required");
            }
            return v;
        }

        String address(JsonNode parent, String key, String dflt) throws ConfigException {
            String v = optionalText(parent, key);
            if (v == null) {
                return dflt;
            }
            if (!v.matches("[0-9A-Fa-f.:]+")) {
                throw error(key, "'" + v + "' is not an IPv4 or IPv6 address");
            }
            try {
                InetAddress.getByName(v);
            } catch (UnknownHostException e) {
                throw error(key, "'" + v + "' is not an IPv4 or IPv6 address");
            }
            return v;
        }
    }
}
