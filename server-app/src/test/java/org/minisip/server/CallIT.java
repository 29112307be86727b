package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.minisip.media.testing.ToneAnalysis;
import org.minisip.sip.stack.Transport;

/**
 * Two of our headless phones call each other through our server on 127.0.0.1, on each transport, with and
 * without SRTP. Each plays a different tone; the test checks by FFT that each side recorded the other's tone,
 * and that the call left an ANSWERED CDR row.
 */
class CallIT {
    private static TestServer server;
    @TempDir
    static Path tmp;
    private static Path tone440;
    private static Path tone1000;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(null);
        tone440 = tmp.resolve("tone440.wav");
        tone1000 = tmp.resolve("tone1000.wav");
        ToneAnalysis.writeTone(tone440, 440, 8000, 5);
        ToneAnalysis.writeTone(tone1000, 1000, 16000, 5);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static Stream<Arguments> transportsAndSrtp() {
        List<Arguments> list = new ArrayList<>();
        for (Transport t : Transport.values()) {
            list.add(Arguments.of(t, "off"));
            list.add(Arguments.of(t, "mandatory"));
        }
        return list.stream();
    }

    static String[] account(String ext, Transport t) {
        String uri = "sip:" + ext + "@127.0.0.1:" + server.port(t) + ";transport=" + t.token();
        List<String> a = new ArrayList<>(List.of("--account", uri, "--password", "pw-" + ext));
        if (t == Transport.TLS) {
            a.add("--tls-ca");
            a.add(server.dataDir.resolve("tls/server.crt").toString());
        }
        return a.toArray(String[]::new);
    }

    static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @ParameterizedTest(name = "{0} srtp={1}")
    @MethodSource("transportsAndSrtp")
    void twoPhonesHearEachOther(Transport t, String srtp) throws Exception {
        String tag = t.token() + "-" + srtp;
        Path calleeRec = tmp.resolve("callee-" + tag + ".wav");
        Path callerRec = tmp.resolve("caller-" + tag + ".wav");
        try (PhoneProcess callee = PhoneProcess.start(tmp.resolve("callee-" + tag + ".log"), concat(account("101", t),
                "--auto-answer", "--srtp", srtp, "--play", tone440.toString(), "--record", calleeRec.toString()))) {
            callee.await("registered ", Duration.ofSeconds(20));
            try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("caller-" + tag + ".log"),
                    concat(account("100", t), "--call", "101", "--srtp", srtp, "--duration", "3",
                            "--play", tone1000.toString(), "--record", callerRec.toString()))) {
                String answered = caller.await("answered ", Duration.ofSeconds(20));
                assertThat(answered).endsWith("srtp=" + (srtp.equals("off") ? "no" : "yes"));
                assertThat(caller.waitForExit(Duration.ofSeconds(30))).as("caller exit; %s", caller.stderr()).isZero();
                callee.await("ended ", Duration.ofSeconds(10));
                assertThat(callee.waitForExit(Duration.ofSeconds(10))).as("callee exit").isZero();
            }
        }
        assertThat(ToneAnalysis.dominantFrequency(calleeRec)).as("callee heard 1000 Hz").isCloseTo(1000, offset(15.0));
        assertThat(ToneAnalysis.dominantFrequency(callerRec)).as("caller heard 440 Hz").isCloseTo(440, offset(15.0));
        Thread.sleep(300);
        try (Stream<Path> files = Files.list(server.dataDir.resolve("cdr"))) {
            String cdr = String.join("\n", files.map(p -> {
                try {
                    return Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList());
            assertThat(cdr).contains(",100,101,").contains("ANSWERED");
        }
    }
}
