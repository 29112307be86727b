package org.minisip.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.minisip.server.security.CallRule;
import org.minisip.server.security.IpList;
import org.minisip.server.security.IpRange;

/** Reads the {@code security:} section of {@code server.yaml} (see {@link SecurityConfig}); strict like the rest. */
final class SecuritySection {
    static final Set<String> KEYS = Set.of("fail2ban", "flood", "whitelist", "blacklist", "scanner-user-agents",
            "call-blacklist", "limits", "tls-reload-seconds");
    private static final Set<String> FAIL2BAN = Set.of("max-failures", "window-seconds", "ban-seconds");
    private static final Set<String> FLOOD = Set.of("max-requests", "window-seconds");
    private static final Set<String> LIMITS = Set.of("max-message-bytes", "max-headers", "max-line-bytes",
            "max-connections-per-ip", "idle-seconds");
    private static final Set<String> RULE = Set.of("caller-prefix", "called-prefix", "rate");

    private SecuritySection() {
    }

    static SecurityConfig read(ConfigLoader.Reader r, JsonNode root) throws ConfigException {
        SecurityConfig d = SecurityConfig.defaults();
        JsonNode s = r.optionalObject(root, "security", KEYS);
        JsonNode f2b = section(r, s, "fail2ban", FAIL2BAN);
        JsonNode flood = section(r, s, "flood", FLOOD);
        JsonNode lim = section(r, s, "limits", LIMITS);
        SecurityConfig.Limits dl = d.limits();
        SecurityConfig.Limits limits = new SecurityConfig.Limits(
                r.integer(lim, "security.limits.max-message-bytes", dl.maxMessageBytes(), 4096, 1 << 20),
                r.integer(lim, "security.limits.max-headers", dl.maxHeaders(), 16, 4096),
                r.integer(lim, "security.limits.max-line-bytes", dl.maxLineBytes(), 512, 1 << 20),
                r.integer(lim, "security.limits.max-connections-per-ip", dl.maxConnectionsPerIp(), 0, 100000),
                r.integer(lim, "security.limits.idle-seconds", dl.idleSeconds(), 30, 86400));
        return new SecurityConfig(
                r.integer(f2b, "security.fail2ban.max-failures", d.maxFailures(), 1, 1000),
                r.integer(f2b, "security.fail2ban.window-seconds", d.failureWindowSeconds(), 1, 86400),
                r.integer(f2b, "security.fail2ban.ban-seconds", d.banSeconds(), 0, 31536000),
                r.integer(flood, "security.flood.max-requests", d.floodRequests(), 0, 1000000),
                r.integer(flood, "security.flood.window-seconds", d.floodWindowSeconds(), 1, 3600),
                ipList(r, s.get("whitelist"), "security.whitelist"),
                ipList(r, s.get("blacklist"), "security.blacklist"),
                scanners(r, s.get("scanner-user-agents")),
                rules(r, s.get("call-blacklist")),
                limits,
                r.integer(s, "security.tls-reload-seconds", d.tlsReloadSeconds(), 0, 86400));
    }

    /** A nested mapping under {@code security:}, errors named with the full key path. */
    private static JsonNode section(ConfigLoader.Reader r, JsonNode parent, String leaf, Set<String> keys)
            throws ConfigException {
        JsonNode n = parent.get(leaf);
        if (n == null || n.isNull()) {
            return r.optionalObject(parent, "absent-" + leaf, keys);
        }
        r.object(n, "security." + leaf, keys);
        return n;
    }

    private static List<String> texts(ConfigLoader.Reader r, JsonNode n, String key) throws ConfigException {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw r.error(key, "must be a list");
        }
        for (JsonNode e : n) {
            if (!e.isValueNode() || e.asText().isBlank()) {
                throw r.error(key, "entries must be non-empty text values");
            }
            out.add(e.asText().trim());
        }
        return out;
    }

    private static IpList ipList(ConfigLoader.Reader r, JsonNode n, String key) throws ConfigException {
        List<String> entries = texts(r, n, key);
        if (entries == null) {
            return IpList.EMPTY;
        }
        List<IpRange> ranges = new ArrayList<>();
        for (String e : entries) {
            try {
                ranges.add(IpRange.parse(e));
            } catch (IllegalArgumentException ex) {
                throw r.error(key, ex.getMessage());
            }
        }
        return new IpList(ranges);
    }

    private static List<String> scanners(ConfigLoader.Reader r, JsonNode n) throws ConfigException {
        List<String> entries = texts(r, n, "security.scanner-user-agents");
        return entries == null ? SecurityConfig.DEFAULT_SCANNERS
                : entries.stream().map(e -> e.toLowerCase(Locale.ROOT)).toList();
    }

    private static List<CallRule> rules(ConfigLoader.Reader r, JsonNode n) throws ConfigException {
        List<CallRule> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw r.error("security.call-blacklist", "must be a list of {caller-prefix, called-prefix, rate}");
        }
        for (int i = 0; i < n.size(); i++) {
            String key = "security.call-blacklist[" + i + "]";
            JsonNode e = n.get(i);
            r.object(e, key, RULE);
            String caller = r.optionalText(e, key + ".caller-prefix");
            String called = r.optionalText(e, key + ".called-prefix");
            if ((caller == null || caller.isEmpty()) && (called == null || called.isEmpty())) {
                throw r.error(key, "needs a caller-prefix or a called-prefix");
            }
            out.add(new CallRule(caller, called, r.integer(e, key + ".rate", 100, 1, 100)));
        }
        return out;
    }
}
