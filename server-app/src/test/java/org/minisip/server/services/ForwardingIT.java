package org.minisip.server.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.media.testing.ToneAnalysis;
import org.minisip.server.PhoneProcess;
import org.minisip.server.TestServer;
import org.minisip.sip.stack.Transport;

/**
 * Call forwarding with our headless phones on 127.0.0.1: busy and unreachable forwarding reach the target (the
 * caller hears the target's tone), and loops and over-long chains end with a clear 482 / 483.
 */
class ForwardingIT {
    @TempDir
    static Path tmp;
    private static Path tone440;
    private static Path tone1000;

    @BeforeAll
    static void tones() throws Exception {
        tone440 = tmp.resolve("tone440.wav");
        tone1000 = tmp.resolve("tone1000.wav");
        ToneAnalysis.writeTone(tone440, 440, 8000, 5);
        ToneAnalysis.writeTone(tone1000, 1000, 8000, 5);
    }

    static String[] account(TestServer s, String ext, String... more) {
        String[] base = {"--account", "sip:" + ext + "@127.0.0.1:" + s.port(Transport.UDP), "--password", "pw-" + ext};
        String[] r = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, r, base.length, more.length);
        return r;
    }

    @Test
    void busyAndUnreachableForwardingReachTheTarget() throws Exception {
        try (TestServer s = TestServer.start(null, Map.of(
                "101", "forward: {busy: \"103\"}",
                "104", "forward: {unreachable: \"103\"}"));
             PhoneProcess busy = PhoneProcess.start(tmp.resolve("101.log"), account(s, "101", "--register-only",
                     "--duration", "120"));
             PhoneProcess target = PhoneProcess.start(tmp.resolve("103.log"), account(s, "103", "--auto-answer",
                     "--duration", "4", "--play", tone440.toString()))) {
            busy.await("registered ", Duration.ofSeconds(20));
            target.await("registered ", Duration.ofSeconds(20));
            for (String dialled : new String[] {"101", "104"}) {
                Path heard = tmp.resolve("caller-" + dialled + ".wav");
                String log;
                try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("caller-" + dialled + ".log"), account(s,
                        "100", "--call", dialled, "--play", tone1000.toString(), "--record", heard.toString()))) {
                    caller.await("answered ", Duration.ofSeconds(20));
                    assertThat(caller.waitForExit(Duration.ofSeconds(30))).as("caller exit").isZero();
                    log = caller.stderr() + "\n103:\n" + target.stderr();
                }
                assertThat(ToneAnalysis.dominantFrequency(heard)).as("caller of %s hears 103; %s", dialled, log)
                        .isCloseTo(440, offset(15.0));
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    s.cdrRows().lines().filter(l -> l.contains(",100,103,") && l.contains("ANSWERED")).count() == 2);
            assertThat(s.cdrRows()).as("CDR detail says who forwarded where and why")
                    .contains("dialled=101;forward=101>103:user-busy").contains("dialled=104;forward=104>103:unavailable");
        }
    }

    @Test
    void aForwardingLoopEndsWith482() throws Exception {
        try (TestServer s = TestServer.start(null, Map.of(
                "102", "forward: {unconditional: \"103\"}",
                "103", "forward: {unconditional: \"102\"}"));
             PhoneProcess caller = PhoneProcess.start(tmp.resolve("loop.log"), account(s, "100", "--call", "102"))) {
            assertThat(caller.await("call-failed ", Duration.ofSeconds(20))).startsWith("call-failed 482");
            assertThat(caller.waitForExit(Duration.ofSeconds(10))).isEqualTo(4);
        }
    }

    @Test
    void aChainLongerThanTheHopLimitEndsWith483() throws Exception {
        try (TestServer s = TestServer.start("calls:\n  forward-hops: 2\n", Map.of(
                "101", "forward: {unconditional: \"102\"}",
                "102", "forward: {unconditional: \"103\"}",
                "103", "forward: {unconditional: \"104\"}"));
             PhoneProcess caller = PhoneProcess.start(tmp.resolve("hops.log"), account(s, "100", "--call", "101"))) {
            assertThat(caller.await("call-failed ", Duration.ofSeconds(20))).startsWith("call-failed 483");
            assertThat(caller.waitForExit(Duration.ofSeconds(10))).isEqualTo(4);
        }
    }
}
