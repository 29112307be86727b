package org.minisip.server.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.media.testing.ToneAnalysis;
import org.minisip.server.PhoneProcess;
import org.minisip.server.TestServer;

/**
 * Conference rooms with our headless phones, each playing its own tone and recording what it hears. The server
 * anchors every leg (SRTP with its own keys) and mixes N-1: each participant must hear the others' tones and
 * never its own. A PIN keeps a caller out of the mix until it keys the right digits (RFC 4733); three wrong PINs
 * end its call; a full room answers 486.
 */
class ConferenceIT {
    @TempDir
    static Path tmp;
    private static TestServer server;
    private static final int[] TONES = {440, 1000, 1500, 2000, 700};

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("""
                conference-rooms:
                  - {number: "800", max-participants: 3}
                  - {number: "801", pin: "1122"}
                """);
        for (int i = 0; i < TONES.length; i++) {
            ToneAnalysis.writeTone(tmp.resolve("tone" + TONES[i] + ".wav"), TONES[i], 8000, 5);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static PhoneProcess join(String ext, String room, int tone, String... extra) throws Exception {
        List<String> a = new ArrayList<>(List.of(ForwardingIT.account(server, ext, "--call", room, "--duration", "60",
                "--play", tmp.resolve("tone" + tone + ".wav").toString(),
                "--record", tmp.resolve("heard-" + room + "-" + ext + ".wav").toString())));
        a.addAll(List.of(extra));
        return PhoneProcess.start(tmp.resolve(room + "-" + ext + ".log"), a.toArray(String[]::new));
    }

    private static RecordingAnalysis heard(String room, String ext) throws Exception {
        return new RecordingAnalysis(tmp.resolve("heard-" + room + "-" + ext + ".wav"));
    }

    /** Lets the parties talk for {@code seconds} of wall-clock time (audio must flow; nothing to poll). */
    private static void talk(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
    }

    private static void hangUp(PhoneProcess... phones) throws InterruptedException {
        for (PhoneProcess p : phones) {
            p.close(); // SIGTERM: the phone sends BYE and finishes its recording
        }
    }

    @Test
    void threePartiesHearEachOtherButNotThemselvesAndTheFourthIsRejected() throws Exception {
        PhoneProcess a = join("100", "800", 440, "--srtp", "mandatory");
        PhoneProcess b = join("101", "800", 1000);
        PhoneProcess c = join("102", "800", 1500, "--srtp", "off");
        try {
            for (PhoneProcess p : List.of(a, b, c)) {
                assertThat(p.await("answered ", Duration.ofSeconds(90))).startsWith("answered PCM");
            }
            try (PhoneProcess fourth = join("103", "800", 2000)) {
                assertThat(fourth.await("call-failed ", Duration.ofSeconds(40))).startsWith("call-failed 486");
            }
            talk(4);
        } finally {
            hangUp(a, b, c);
        }
        int[][] expect = {{440, 1000, 1500}, {1000, 440, 1500}, {1500, 440, 1000}}; // own, then the others
        String[] exts = {"100", "101", "102"};
        for (int i = 0; i < 3; i++) {
            RecordingAnalysis r = heard("800", exts[i]);
            assertThat(r.maxWindowAmplitude(expect[i][1])).as("%s hears %d Hz", exts[i], expect[i][1])
                    .isGreaterThan(2000);
            assertThat(r.maxWindowAmplitude(expect[i][2])).as("%s hears %d Hz", exts[i], expect[i][2])
                    .isGreaterThan(2000);
            assertThat(r.toneAmplitude(expect[i][0])).as("%s does not hear itself", exts[i]).isLessThan(200);
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                server.cdrRows().lines().filter(l -> l.contains("room=800") && l.contains("ANSWERED")).count() == 3);
        assertThat(server.cdrRows()).contains(",103,800,").contains("room-full");
    }

    @Test
    void aPinKeepsCallersInTheLobbyUntilTheyKeyIt() throws Exception {
        // repeated digits: each key press is its own RFC 4733 event (new RTP timestamp), so 1122 must work
        PhoneProcess a = join("100", "801", 440, "--dtmf", "1122");
        PhoneProcess b = join("101", "801", 1000, "--dtmf", "1122", "--dtmf-mode", "info");
        PhoneProcess wrong = join("104", "801", 700, "--dtmf", "999999999999");
        try {
            for (PhoneProcess p : List.of(a, b, wrong)) {
                p.await("answered ", Duration.ofSeconds(90));
            }
            assertThat(wrong.await("ended ", Duration.ofSeconds(40))).isEqualTo("ended remote-hangup");
            assertThat(wrong.waitForExit(Duration.ofSeconds(10))).as("the wrong-PIN caller was hung up").isZero();
            talk(5);
        } finally {
            hangUp(a, b, wrong);
        }
        RecordingAnalysis ra = heard("801", "100");
        RecordingAnalysis rb = heard("801", "101");
        assertThat(ra.maxWindowAmplitude(1000)).as("100 hears 101 once both keyed the PIN").isGreaterThan(2000);
        assertThat(rb.maxWindowAmplitude(440)).as("101 hears 100").isGreaterThan(2000);
        assertThat(ra.toneAmplitude(700)).as("the caller with the wrong PIN is never heard").isLessThan(200);
        assertThat(rb.toneAmplitude(700)).as("the caller with the wrong PIN is never heard").isLessThan(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                server.cdrRows().contains("pin-failed"));
    }
}
