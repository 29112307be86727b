package org.minisip.server.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

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
 * Hunting groups with our headless phones: 101 answers with 440 Hz, 103 with 1500 Hz, 102 rejects every call
 * (486). 103 registers before 101. The caller's recording tells by FFT which member took each call.
 * <ul>
 *   <li>600 linear, members 101 (seq 2), 102 (seq 1), 103 (seq 2): 102 is offered first and skipped, then 103
 *       (equal sequence, registered earlier) takes every call.</li>
 *   <li>601 round-robin, members 101 and 103: calls alternate 103, 101, 103.</li>
 *   <li>602 linear with only 102: the caller gets 486.</li>
 * </ul>
 */
class HuntingIT {
    @TempDir
    static Path tmp;
    private static TestServer server;
    private static final List<PhoneProcess> members = new ArrayList<>();
    private static PhoneProcess rejecting;
    private static Path tone1000;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("""
                hunting-groups:
                  - {number: "600", policy: linear, ring-seconds: 5,
                     members: [{extension: "101", sequence: 2}, {extension: "102", sequence: 1},
                               {extension: "103", sequence: 2}]}
                  - {number: "601", policy: round-robin, members: [{extension: "101"}, {extension: "103"}]}
                  - {number: "602", members: [{extension: "102"}]}
                """);
        tone1000 = tmp.resolve("tone1000.wav");
        ToneAnalysis.writeTone(tone1000, 1000, 8000, 5);
        Path t440 = tmp.resolve("tone440.wav");
        Path t1500 = tmp.resolve("tone1500.wav");
        ToneAnalysis.writeTone(t440, 440, 8000, 5);
        ToneAnalysis.writeTone(t1500, 1500, 8000, 5);
        PhoneProcess p103 = PhoneProcess.start(tmp.resolve("103.log"), ForwardingIT.account(server, "103",
                "--auto-answer", "--duration", "4", "--play", t1500.toString()));
        members.add(p103);
        p103.await("registered ", Duration.ofSeconds(20));
        PhoneProcess p101 = PhoneProcess.start(tmp.resolve("101.log"), ForwardingIT.account(server, "101",
                "--auto-answer", "--duration", "4", "--play", t440.toString()));
        members.add(p101);
        p101.await("registered ", Duration.ofSeconds(20));
        rejecting = PhoneProcess.start(tmp.resolve("102.log"), ForwardingIT.account(server, "102",
                "--register-only", "--duration", "300"));
        members.add(rejecting);
        rejecting.await("registered ", Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() throws Exception {
        members.forEach(PhoneProcess::close);
        server.close();
    }

    /** Calls {@code number} as 100 and returns the dominant frequency the caller heard. */
    private static double call(String number, int n) throws Exception {
        Path heard = tmp.resolve("heard-" + number + "-" + n + ".wav");
        String log;
        try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("caller-" + number + "-" + n + ".log"),
                ForwardingIT.account(server, "100", "--call", number, "--play", tone1000.toString(),
                        "--record", heard.toString()))) {
            caller.await("answered ", Duration.ofSeconds(30));
            caller.await("ended ", Duration.ofSeconds(30));
            assertThat(caller.waitForExit(Duration.ofSeconds(10))).isZero();
            log = caller.stdout() + "\n" + caller.stderr();
        }
        // the member is free again only once the server has seen its BYE
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                server.cdrRows().lines().filter(l -> l.contains(",100,") && l.contains("ANSWERED")).count() >= n);
        double f = ToneAnalysis.dominantFrequency(heard);
        if (f == 0) {
            System.err.println("SILENT call " + n + " to " + number + ": " + java.nio.file.Files.size(heard) + " bytes, rms "
                    + ToneAnalysis.rms(heard) + "\n" + log);
        }
        return f;
    }

    @Test
    void linearTriesLowestSequenceThenEarliestRegistrationAndRoundRobinAlternates() throws Exception {
        int n = 0;
        assertThat(call("600", ++n)).as("linear call 1 taken by 103").isCloseTo(1500, offset(20.0));
        rejecting.await("incoming ", Duration.ofSeconds(5));
        assertThat(call("600", ++n)).as("linear call 2 taken by 103 again").isCloseTo(1500, offset(20.0));
        assertThat(call("601", ++n)).as("round-robin call 1: 103").isCloseTo(1500, offset(20.0));
        assertThat(call("601", ++n)).as("round-robin call 2: 101").isCloseTo(440, offset(20.0));
        assertThat(call("601", ++n)).as("round-robin call 3: 103").isCloseTo(1500, offset(20.0));
        String cdr = server.cdrRows();
        assertThat(cdr.lines().filter(l -> l.contains(",100,103,") && l.contains("ANSWERED")).count()).isEqualTo(4);
        assertThat(cdr.lines().filter(l -> l.contains(",100,101,") && l.contains("ANSWERED")).count()).isEqualTo(1);
        assertThat(cdr).as("CDR detail names the group and the member who answered")
                .contains("dialled=600;group=600;member=103").contains("dialled=601;group=601;member=101");
    }

    @Test
    void aGroupWhoseMembersAllRejectAnswers486() throws Exception {
        try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("caller-602.log"),
                ForwardingIT.account(server, "100", "--call", "602"))) {
            assertThat(caller.await("call-failed ", Duration.ofSeconds(20))).startsWith("call-failed 486");
            assertThat(caller.waitForExit(Duration.ofSeconds(10))).isEqualTo(4);
        }
    }
}
