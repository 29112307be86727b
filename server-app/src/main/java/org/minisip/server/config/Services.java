package org.minisip.server.config;

import java.util.List;
import java.util.Optional;

/**
 * PBX services from {@code server.yaml}: hunting groups and conference rooms (per-extension forwarding and
 * recording live on {@link ServerConfig.Extension}). Validated by {@link ServicesLoader}.
 */
public record Services(List<HuntGroup> huntingGroups, List<ConferenceRoom> conferenceRooms) {
    public static final Services NONE = new Services(List.of(), List.of());

    /** Call forwarding of one extension; a null target means "not set". */
    public record Forwarding(String unconditional, String busy, String noAnswer, int noAnswerSeconds,
                             String unreachable) {
        public static final int DEFAULT_NO_ANSWER_SECONDS = 20;
        public static final Forwarding NONE = new Forwarding(null, null, null, DEFAULT_NO_ANSWER_SECONDS, null);
    }

    public enum HuntPolicy { LINEAR, ROUND_ROBIN }

    /** A hunting group: members are offered the call one at a time for {@code ringSeconds} each. */
    public record HuntGroup(String number, HuntPolicy policy, int ringSeconds, List<Member> members) {
    }

    public record Member(String extension, int sequence) {
    }

    /** A conference room; {@code pin} is null when none is asked for. */
    public record ConferenceRoom(String number, String pin, int maxParticipants) {
        public static final int MAX_PARTICIPANTS = 5;
    }

    public Optional<HuntGroup> huntGroup(String number) {
        return huntingGroups.stream().filter(g -> g.number().equals(number)).findFirst();
    }

    public Optional<ConferenceRoom> room(String number) {
        return conferenceRooms.stream().filter(r -> r.number().equals(number)).findFirst();
    }
}
