package org.minisip.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.minisip.media.codec.CodecRegistry;
import org.minisip.phone.cli.HeadlessOptions;
import org.minisip.phone.cli.HeadlessSettings;
import org.minisip.phone.cli.UsageException;
import org.minisip.sdp.SrtpMode;
import picocli.CommandLine;

/** The phone's command line: exit status 2 for every bad argument, before any socket is opened. */
class PhoneCommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return PhoneApp.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutHeadlessOnAMachineWithoutDisplayPointsToHeadlessAndExits2() {
        // surefire runs with java.awt.headless=true: the desktop UI cannot start, and says why instead of crashing
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(err()).contains("no display available").contains("--headless");
        assertThat(out.size()).isZero();
    }

    @Test
    void helpAndVersionExit0OnStdout() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--auto-answer").contains("486");
        out.reset();
        assertThat(run(Map.of(), "--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("minisipphone ");
    }

    @Test
    void unknownCodecListsTheSupportedOnes() {
        assertThat(run(Map.of(), "--headless", "--account", "sip:1@127.0.0.1", "--codecs", "g729,pcmu")).isEqualTo(2);
        assertThat(err()).contains("unknown codec 'g729'").contains("pcmu, pcma, g722, opus");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--headless --bogus",
        "--headless --account 100@host",
        "--headless --account sip:1@h;transport=sctp",
        "--headless --account sip:1@h --srtp always",
        "--headless --account sip:1@h --dtmf 12x",
        "--headless --account sip:1@h --duration 0",
        "--headless --account sip:1@h --duration abc",
        "--headless --account sip:1@h --local-port 70000",
        "--headless --account sip:1@h --ptime 5",
        "--headless --account sip:1@h --ptime 61",
        "--headless --account sip:1@h --ptime x",
        "--headless --account sip:1@h --register-only",
        "--headless --account sip:1@h --password p --register-only --call 100",
        "--headless --call 100",
        "--headless --call tel:+4930123",
        "--headless --call foo<bar",
        "--headless",
        "--headless --account sip:1@h --tls-ca /nonexistent/ca.pem",
        "--headless --account sip:1@h --tls-insecure --tls-ca /etc/hostname",
        "--headless --account sip:1@h --play /nonexistent.wav",
        "--headless --account sip:1@h --record /nonexistent/dir/x.wav",
        "--headless --account sip:1@h --audio-device default --record /tmp/x.wav",
        "--headless --account sip:1@h --local-port",
        "--headless --account sip:1@h --resume-at 3",
        "--headless --account sip:1@h --hold-at 3 --resume-at 2",
        "--headless --account sip:1@h --hold-at -1",
        "--headless --account sip:1@h --at 2:fly",
        "--headless --account sip:1@h --at hold",
        "--headless --account sip:1@h --at x:hold",
        "--headless --account sip:1@h --at 2:dtmf",
        "--headless --account sip:1@h --at 2:dtmf_12x",
        "--headless --account sip:1@h --at 2:consult",
        "--headless --account sip:1@h --at 2:consult a<b",
        "--headless --account sip:1@h --at 2:attended-transfer_102",
    })
    void badArgumentsExit2WithOneMessage(String line) {
        assertThat(run(Map.of(), line.split(" "))).as(line).isEqualTo(2);
        assertThat(err()).as(line).startsWith("minisipphone: ");
        assertThat(out.size()).as("stdout carries only state lines").isZero();
    }

    @Test
    void aNonWavPlayFileIsRejected(@TempDir Path dir) throws Exception {
        Path notWav = dir.resolve("x.wav");
        Files.writeString(notWav, "not a wav file at all");
        assertThat(run(Map.of(), "--headless", "--account", "sip:1@h", "--play", notWav.toString())).isEqualTo(2);
        assertThat(err()).contains("--play");
    }

    @Test
    void passwordComesFromTheEnvironmentWhenNotGiven() throws UsageException {
        HeadlessSettings s = settings(Map.of("MINISIPPHONE_PASSWORD", "s3cret"),
                "--headless", "--account", "sip:100@127.0.0.1:5070;transport=tcp", "--register-only");
        assertThat(s.password()).isEqualTo("s3cret");
        assertThat(s.registers()).isTrue();
        HeadlessSettings explicit = settings(Map.of("MINISIPPHONE_PASSWORD", "env"),
                "--headless", "--account", "sip:100@h", "--password", "opt");
        assertThat(explicit.password()).isEqualTo("opt");
    }

    @Test
    void defaultsAreOptionalSrtpAndPcmuThenPcma() throws UsageException {
        HeadlessSettings s = settings(Map.of(), "--headless", "--call", "sip:bob@127.0.0.1:5099");
        assertThat(s.srtp()).isEqualTo(SrtpMode.OPTIONAL);
        assertThat(s.codecs()).containsExactly("PCMU", "PCMA");
        assertThat(s.registers()).isFalse();
        assertThat(settings(Map.of(), "--headless", "--auto-answer", "--codecs", "PCMA,pcmu").codecs())
                .containsExactly("PCMA", "PCMU");
    }

    @Test
    void timedCommandsAreSortedByTime() throws UsageException {
        HeadlessSettings s = settings(Map.of(), "--headless", "--auto-answer", "--hold-at", "2", "--resume-at", "4.5",
                "--at", "1:dtmf 12#", "--at", "6:hangup");
        assertThat(s.timedCommands()).extracting(t -> t.afterAnswer().toMillis() + " " + t.command().verb()
                + (t.command().arg() == null ? "" : " " + t.command().arg()))
                .containsExactly("1000 DTMF 12#", "2000 HOLD", "4500 RESUME", "6000 HANGUP");
        assertThat(s.stdinCommands()).isFalse();
        assertThat(settings(Map.of(), "--headless", "--auto-answer", "--commands").stdinCommands()).isTrue();
    }

    @Test
    void consultAndAttendedTransferAreCallCommands() throws UsageException {
        HeadlessSettings s = settings(Map.of(), "--headless", "--auto-answer", "--at", "1:consult 102",
                "--at", "4:Attended-Transfer");
        assertThat(s.timedCommands()).extracting(t -> t.command().verb() + " " + t.command().arg())
                .containsExactly("CONSULT 102", "ATTENDED_TRANSFER null");
        assertThat(org.minisip.phone.cli.CallCommand.parse("consult sip:102@[::1]:5060").arg())
                .isEqualTo("sip:102@[::1]:5060");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.minisip.phone.cli.CallCommand.parse(
                "attended-transfer 102")).hasMessageContaining("takes no argument");
    }

    @Test
    void statsIsACallCommandAndMediaTimestampsIsOffByDefault() throws UsageException {
        HeadlessSettings s = settings(Map.of(), "--headless", "--auto-answer", "--at", "1:Stats",
                "--media-timestamps");
        assertThat(s.timedCommands()).extracting(t -> t.command().verb().toString()).containsExactly("STATS");
        assertThat(s.mediaTimestamps()).isTrue();
        assertThat(settings(Map.of(), "--headless", "--auto-answer").mediaTimestamps()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.minisip.phone.cli.CallCommand.parse(
                "stats now")).hasMessageContaining("takes no argument");
    }

    private static HeadlessSettings settings(Map<String, String> env, String... args) throws UsageException {
        HeadlessOptions o = new HeadlessOptions();
        new CommandLine(o).parseArgs(args);
        return HeadlessSettings.from(o, env, CodecRegistry.defaults());
    }

}
