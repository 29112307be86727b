package org.minisip.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServicesConfigTest {
    private final ConfigLoader loader = new ConfigLoader();
    private static final String EXTS = """
            extensions:
              - {number: "101", password: "a"}
              - {number: "102", password: "b", forward: {unconditional: "103"}}
              - {number: "103", password: "c", forward: {busy: "600", no-answer: "800", no-answer-seconds: 7,
                 unreachable: "101"}}
              - {number: "104", password: "d", record: true}
            """;

    @Test
    void issueExampleKeysAreRead() throws Exception {
        ServerConfig c = loader.parse("s.yaml", EXTS + """
                hunting-groups:
                  - number: "600"
                    policy: round-robin
                    ring-seconds: 9
                    members: [{extension: "101", sequence: 2}, {extension: "103", sequence: 1}]
                conference-rooms:
                  - {number: "800", pin: "1234", max-participants: 3}
                  - {number: "801"}
                calls: {forward-hops: 3}
                """);
        assertThat(c.extension("102").orElseThrow().forward().unconditional()).isEqualTo("103");
        Services.Forwarding f = c.extension("103").orElseThrow().forward();
        assertThat(f.busy()).isEqualTo("600");
        assertThat(f.noAnswer()).isEqualTo("800");
        assertThat(f.noAnswerSeconds()).isEqualTo(7);
        assertThat(f.unreachable()).isEqualTo("101");
        assertThat(c.extension("104").orElseThrow().record()).isTrue();
        assertThat(c.extension("101").orElseThrow().record()).isFalse();
        Services.HuntGroup g = c.services().huntGroup("600").orElseThrow();
        assertThat(g.policy()).isEqualTo(Services.HuntPolicy.ROUND_ROBIN);
        assertThat(g.ringSeconds()).isEqualTo(9);
        assertThat(g.members()).containsExactly(new Services.Member("101", 2), new Services.Member("103", 1));
        assertThat(c.services().room("800").orElseThrow()).isEqualTo(new Services.ConferenceRoom("800", "1234", 3));
        assertThat(c.services().room("801").orElseThrow().maxParticipants()).isEqualTo(5);
        assertThat(c.services().room("801").orElseThrow().pin()).isNull();
        assertThat(c.calls().forwardHops()).isEqualTo(3);
        assertThat(c.isLocalNumber("600")).isTrue();
        assertThat(c.isLocalNumber("999")).isFalse();
    }

    @Test
    void defaults() throws Exception {
        ServerConfig c = loader.parse("s.yaml", """
                extensions: [{number: "101", password: "a"}]
                hunting-groups: [{number: "600", members: [{extension: "101"}]}]
                """);
        Services.HuntGroup g = c.services().huntGroup("600").orElseThrow();
        assertThat(g.policy()).isEqualTo(Services.HuntPolicy.LINEAR);
        assertThat(g.ringSeconds()).isEqualTo(15);
        assertThat(c.calls().forwardHops()).isEqualTo(5);
        assertThat(c.extension("101").orElseThrow().forward()).isEqualTo(Services.Forwarding.NONE);
    }

    private void rejects(String yaml, String message) {
        assertThatThrownBy(() -> loader.parse("s.yaml", yaml)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("s.yaml: " + message);
    }

    @Test
    void badServiceConfigIsNamed() {
        rejects("extensions: [{number: \"1\", password: \"a\", forward: {unconditional: \"9\"}}]\n",
                "extensions[0].forward.unconditional: '9' is not an extension, hunting group or conference room");
        rejects("extensions: [{number: \"1\", password: \"a\", forward: {busy: \"1\"}}]\n",
                "extensions[0].forward.busy: forwards extension 1 to itself");
        rejects("extensions: [{number: \"1\", password: \"a\", forward: {sometimes: \"1\"}}]\n",
                "extensions[0].forward.sometimes: unknown key");
        rejects("extensions: [{number: \"1\", password: \"a\", record: yes-please}]\n",
                "extensions[0].record: must be true or false");
        rejects("extensions: [{number: \"1\", password: \"a\"}]\nhunting-groups: [{number: \"1\", members: "
                + "[{extension: \"1\"}]}]\n", "hunting-groups[0].number: number 1 is already used");
        rejects("extensions: [{number: \"1\", password: \"a\"}]\nhunting-groups: [{number: \"6\", members: "
                + "[{extension: \"2\"}]}]\n", "hunting-groups[0].members[0].extension: '2' is not a configured");
        rejects("hunting-groups: [{number: \"6\", policy: random, members: []}]\n",
                "hunting-groups[0].policy: 'random' is not linear or round-robin");
        rejects("hunting-groups: [{number: \"6\", members: []}]\n", "hunting-groups[0].members: must be a non-empty");
        rejects("conference-rooms: [{number: \"8\", max-participants: 6}]\n",
                "conference-rooms[0].max-participants: must be between 2 and 5");
        rejects("conference-rooms: [{number: \"8\", pin: \"12a\"}]\n", "conference-rooms[0].pin: must be 1 to 16 digits");
    }
}
