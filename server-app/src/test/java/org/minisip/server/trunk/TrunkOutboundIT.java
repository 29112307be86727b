package org.minisip.server.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.server.TestServer;
import org.minisip.sip.stack.Transport;

/**
 * Outbound calls through trunks, with SIPp playing the carrier on 127.0.0.5 and SIPp as extension 100 on
 * 127.0.0.1: the carrier challenges the INVITE (our server answers with the trunk account), and logs the
 * Request-URI it got; prefix stripping, {@code request-uri-params: user=phone}, {@code use-tel-uri} and the
 * trunk's {@code no-answer-seconds} are checked on what the carrier saw.
 */
class TrunkOutboundIT {
    static final String CARRIER = "127.0.0.5";
    @TempDir
    static Path tmp;
    static TestServer server;
    static int sipPort;
    static int telPort;
    static int slowPort;

    @BeforeAll
    static void start() throws Exception {
        sipPort = Sipp.freePort(CARRIER);
        telPort = Sipp.freePort(CARRIER);
        slowPort = Sipp.freePort(CARRIER);
        server = TestServer.start("""
                trunks:
                  - name: carrier
                    registrar: "%1$s:%2$d"
                    username: "8801"
                    password: "s3cret"
                    register: false
                    outbound-prefix: "9"
                    request-uri-params: "user=phone"
                  - name: telgw
                    registrar: "%1$s:%3$d"
                    username: "8801"
                    password: "s3cret"
                    register: false
                    outbound-prefix: "8"
                    use-tel-uri: true
                  - name: slow
                    registrar: "%1$s:%4$d"
                    username: "8801"
                    password: "s3cret"
                    register: false
                    outbound-prefix: "7"
                    no-answer-seconds: 2
                """.formatted(CARRIER, sipPort, telPort, slowPort));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }


    @Test
    void prefixIsStrippedUserPhoneAppendedAndTheChallengeAnswered() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("sip"));
        try (Sipp sipp = new Sipp(dir)) {
            Process carrier = sipp.start("carrier", "-sf", "carrier_auth_answer.xml", "-i", CARRIER,
                    "-p", Integer.toString(sipPort), "-m", "1", "-timeout", "40s");
            Process caller = callFrom100(sipp, "uac_auth.xml", "90301234");
            sipp.assertExit(caller, "caller", 0, sipp.read("carrier.log"));
            sipp.assertExit(carrier, "carrier", 0, "");
            String log = sipp.read("carrier.log");
            assertThat(log).contains("FIRST-RURI sip:0301234@" + CARRIER + ":" + sipPort + ";user=phone LINE")
                    .contains("\nRURI sip:0301234@" + CARRIER + ":" + sipPort + ";user=phone LINE")
                    .contains("FROM \"Ext 100\" <sip:8801@" + CARRIER + ">;tag=")
                    .contains("TO <sip:0301234@" + CARRIER + ":" + sipPort + "> END")
                    .contains("AUTH ok");
        }
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(cdrs()).contains(",100,90301234,"));
        assertThat(cdrs().lines().filter(l -> l.contains(",100,90301234,")).findFirst().orElseThrow())
                .contains("ANSWERED");
    }

    @Test
    void telUriTrunkSendsTelRequestUriAndTo() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tel"));
        try (Sipp sipp = new Sipp(dir)) {
            Process carrier = sipp.start("carrier", "-sf", "carrier_auth_answer.xml", "-i", CARRIER,
                    "-p", Integer.toString(telPort), "-m", "1", "-timeout", "40s");
            Process caller = callFrom100(sipp, "uac_auth.xml", "8+4930123456");
            sipp.assertExit(caller, "caller", 0, sipp.read("carrier.log"));
            sipp.assertExit(carrier, "carrier", 0, "");
            assertThat(sipp.read("carrier.log")).contains("\nRURI tel:+4930123456 LINE")
                    .contains("TO <tel:+4930123456> END").contains("AUTH ok");
        }
    }

    @Test
    void unansweredTrunkCallIsReleasedAfterTheTrunksNoAnswerTime() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("slow"));
        try (Sipp sipp = new Sipp(dir)) {
            Process carrier = sipp.start("carrier", "-sf", "carrier_ring_forever.xml", "-i", CARRIER,
                    "-p", Integer.toString(slowPort), "-m", "1", "-timeout", "40s");
            Process caller = callFrom100(sipp, "uac_no_answer.xml", "7555");
            sipp.assertExit(caller, "caller", 0, sipp.read("carrier.log"));
            sipp.assertExit(carrier, "carrier", 0, "");
            assertThat(sipp.read("carrier.log")).contains("RURI sip:555@" + CARRIER + ":" + slowPort + " LINE")
                    .contains("CANCELLED");
        }
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(cdrs()).contains(",100,7555,"));
        assertThat(cdrs().lines().filter(l -> l.contains(",100,7555,")).findFirst().orElseThrow())
                .contains("NO ANSWER");
    }

    private Process callFrom100(Sipp sipp, String scenario, String dialled) throws Exception {
        return sipp.start("caller", "127.0.0.1:" + server.port(Transport.UDP), "-sf", scenario, "-inf", "caller.csv",
                "-s", dialled, "-au", "100", "-ap", "pw-100", "-m", "1", "-i", "127.0.0.1",
                "-p", Integer.toString(Sipp.freePort("127.0.0.1")), "-timeout", "40s");
    }

    static String cdrs() throws Exception {
        return cdrsOf(server.dataDir);
    }

    /** Every CDR row written so far under {@code dataDir/cdr} (rows are written by a background thread). */
    static String cdrsOf(Path dataDir) throws Exception {
        Path dir = dataDir.resolve("cdr");
        org.awaitility.Awaitility.await().until(() -> Files.isDirectory(dir));
        try (Stream<Path> files = Files.list(dir)) {
            return String.join("\n", files.map(p -> {
                try {
                    return Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList());
        }
    }
}
