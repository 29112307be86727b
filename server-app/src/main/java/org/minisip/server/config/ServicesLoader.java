package org.minisip.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and cross-checks the service keys of {@code server.yaml}: {@code forward} on extensions,
 * {@code hunting-groups}, {@code conference-rooms} and {@code media}. Numbers are unique across extensions,
 * groups and rooms; forwarding targets and group members must exist.
 */
final class ServicesLoader {
    private static final Set<String> FORWARD = Set.of("unconditional", "busy", "no-answer", "no-answer-seconds",
            "unreachable");
    private static final Set<String> GROUP = Set.of("number", "policy", "ring-seconds", "members");
    private static final Set<String> MEMBER = Set.of("extension", "sequence");
    private static final Set<String> ROOM = Set.of("number", "pin", "max-participants");
    private static final String NUMBER = "[0-9A-Za-z*#+._-]{1,32}";

    private final ConfigLoader.Reader r;

    ServicesLoader(ConfigLoader.Reader r) {
        this.r = r;
    }

    static Services.Forwarding forwarding(ConfigLoader.Reader r, JsonNode node, String key) throws ConfigException {
        if (node == null || node.isNull()) {
            return Services.Forwarding.NONE;
        }
        r.object(node, key, FORWARD);
        return new Services.Forwarding(target(r, node, key + ".unconditional"), target(r, node, key + ".busy"),
                target(r, node, key + ".no-answer"),
                r.integer(node, key + ".no-answer-seconds", Services.Forwarding.DEFAULT_NO_ANSWER_SECONDS, 1, 600),
                target(r, node, key + ".unreachable"));
    }

    private static String target(ConfigLoader.Reader r, JsonNode node, String key) throws ConfigException {
        String t = r.optionalText(node, key);
        if (t != null && !t.matches(NUMBER)) {
            throw r.error(key, "'" + t + "' is not a valid number");
        }
        return t;
    }

    Services services(JsonNode root, List<ServerConfig.Extension> extensions) throws ConfigException {
        Set<String> numbers = new HashSet<>();
        extensions.forEach(e -> numbers.add(e.number()));
        List<Services.HuntGroup> groups = groups(root.get("hunting-groups"), numbers, extensions);
        List<Services.ConferenceRoom> rooms = rooms(root.get("conference-rooms"), numbers);
        return new Services(List.copyOf(groups), List.copyOf(rooms));
    }

    private List<Services.HuntGroup> groups(JsonNode node, Set<String> numbers, List<ServerConfig.Extension> exts)
            throws ConfigException {
        List<Services.HuntGroup> list = new ArrayList<>();
        if (node == null || node.isNull()) {
            return list;
        }
        if (!node.isArray()) {
            throw r.error("hunting-groups", "must be a list");
        }
        for (int i = 0; i < node.size(); i++) {
            String key = "hunting-groups[" + i + "]";
            JsonNode g = node.get(i);
            r.object(g, key, GROUP);
            String number = number(g, key, numbers);
            String p = r.optionalText(g, key + ".policy");
            Services.HuntPolicy policy = switch (p == null ? "linear" : p.toLowerCase(Locale.ROOT)) {
                case "linear" -> Services.HuntPolicy.LINEAR;
                case "round-robin" -> Services.HuntPolicy.ROUND_ROBIN;
                default -> throw r.error(key + ".policy", "'" + p + "' is not linear or round-robin");
            };
            int ring = r.integer(g, key + ".ring-seconds", 15, 1, 300);
            JsonNode ms = g.get("members");
            if (ms == null || !ms.isArray() || ms.isEmpty()) {
                throw r.error(key + ".members", "must be a non-empty list of {extension, sequence}");
            }
            List<Services.Member> members = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int j = 0; j < ms.size(); j++) {
                String mk = key + ".members[" + j + "]";
                r.object(ms.get(j), mk, MEMBER);
                String ext = r.requiredText(ms.get(j), mk + ".extension");
                if (exts.stream().noneMatch(e -> e.number().equals(ext))) {
                    throw r.error(mk + ".extension", "'" + ext + "' is not a configured extension");
                }
                if (!seen.add(ext)) {
                    throw r.error(mk + ".extension", "extension " + ext + " is listed twice");
                }
                members.add(new Services.Member(ext, r.integer(ms.get(j), mk + ".sequence", 1, 0, 1_000_000)));
            }
            list.add(new Services.HuntGroup(number, policy, ring, List.copyOf(members)));
        }
        return list;
    }

    private List<Services.ConferenceRoom> rooms(JsonNode node, Set<String> numbers) throws ConfigException {
        List<Services.ConferenceRoom> list = new ArrayList<>();
        if (node == null || node.isNull()) {
            return list;
        }
        if (!node.isArray()) {
            throw r.error("conference-rooms", "must be a list");
        }
        for (int i = 0; i < node.size(); i++) {
            String key = "conference-rooms[" + i + "]";
            JsonNode c = node.get(i);
            r.object(c, key, ROOM);
            String number = number(c, key, numbers);
            String pin = r.optionalText(c, key + ".pin");
            if (pin != null && !pin.matches("[0-9]{1,16}")) {
                throw r.error(key + ".pin", "must be 1 to 16 digits");
            }
            int max = r.integer(c, key + ".max-participants", Services.ConferenceRoom.MAX_PARTICIPANTS, 2,
                    Services.ConferenceRoom.MAX_PARTICIPANTS);
            list.add(new Services.ConferenceRoom(number, pin, max));
        }
        return list;
    }

    private String number(JsonNode n, String key, Set<String> numbers) throws ConfigException {
        String number = r.requiredText(n, key + ".number");
        if (!number.matches(NUMBER)) {
            throw r.error(key + ".number", "'" + number + "' is not a valid number");
        }
        if (!numbers.add(number)) {
            throw r.error(key + ".number", "number " + number + " is already used by another extension, group or room");
        }
        return number;
    }

    /** Every forwarding target must be a local number, and never the extension itself. */
    List<ServerConfig.Extension> checkForwardTargets(List<ServerConfig.Extension> exts, Services svc)
            throws ConfigException {
        for (int i = 0; i < exts.size(); i++) {
            ServerConfig.Extension e = exts.get(i);
            Services.Forwarding f = e.forward();
            String[][] targets = {{"unconditional", f.unconditional()}, {"busy", f.busy()},
                {"no-answer", f.noAnswer()}, {"unreachable", f.unreachable()}};
            for (String[] t : targets) {
                if (t[1] == null) {
                    continue;
                }
                String key = "extensions[" + i + "].forward." + t[0];
                if (t[1].equals(e.number())) {
                    throw r.error(key, "forwards extension " + e.number() + " to itself");
                }
                boolean known = exts.stream().anyMatch(x -> x.number().equals(t[1]))
                        || svc.huntGroup(t[1]).isPresent() || svc.room(t[1]).isPresent();
                if (!known) {
                    throw r.error(key, "'" + t[1] + "' is not an extension, hunting group or conference room");
                }
            }
        }
        return exts;
    }
}
