package org.minisip.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kamailio (Debian's {@code kamailio}) as the carrier, inside a namespace the test creates: our server registers
 * its trunk account 8801 to Kamailio with digest auth, an extension's call to 9 + number leaves through Kamailio
 * (which challenges the INVITE with 407; the server answers as 8801) to a SIPp "PSTN" UAS, and a call from the
 * SIPp "PSTN" to 8801 comes back through Kamailio to the server's registered contact and reaches the trunk's
 * {@code inbound-to} extension 101 (a SIPp UAS). Addresses: Kamailio and the PSTN on 10.99.0.1, server on
 * 0.0.0.0:5060, extensions on 127.0.0.1.
 */
@Tag("interop")
class KamailioTrunkInteropIT {
    private static final String CARRIER = Netns.HOST_ADDRESS;
    @TempDir
    Path tmp;

    @Test
    void serverRegistersToKamailioAndCallsGoBothWays() throws Exception {
        String kamailio = Netns.requireTool("kamailio");
        String sipp = Netns.requireTool("sipp");
        Path scen = Files.createDirectories(tmp.resolve("scenarios"));
        for (String f : List.of("kamailio/carrier.cfg", "sipp/register.xml", "sipp/uac_auth.xml", "sipp/caller.csv",
                "sipp/trunk/carrier_calls_in.xml")) {
            try (InputStream in = getClass().getResourceAsStream("/" + f)) {
                Files.copy(in, scen.resolve(f.substring(f.lastIndexOf('/') + 1)));
            }
        }
        Path run = Files.createDirectories(tmp.resolve("kamailio-run"));
        try (Netns ns = Netns.create()) {
            Process kam = ns.start(tmp.resolve("kamailio.log"), run, kamailio, "-f", scen.resolve("carrier.cfg").toString(),
                    "-DD", "-E", "-l", "udp:" + CARRIER + ":5070", "-Y", run.toString(), "-w", run.toString());
            ServerProcess.waitForLine(tmp.resolve("kamailio.log"), "Listening on", Duration.ofSeconds(20), kam);
            Process pstn = ns.start(tmp.resolve("pstn.log"), scen, sipp, "-sn", "uas", "-i", CARRIER, "-p", "5090",
                    "-m", "1", "-trace_msg", "-message_file", tmp.resolve("pstn-messages.log").toString(),
                    "-timeout", "60s", "-timeout_error", "-nostdin");
            Path server = tmp.resolve("server");
            ServerProcess.start(ns, server, "0.0.0.0", """
                    trunks:
                      - name: carrier
                        registrar: "%s:5070"
                        username: "8801"
                        password: "s3cret"
                        retry-seconds: 1
                        outbound-prefix: "9"
                        request-uri-params: "user=phone"
                        inbound-to: "101"
                    """.formatted(CARRIER));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(read(server.resolve("trunk-status"))).contains("carrier registered as sip:8801@"
                            + CARRIER));
            assertThat(read(tmp.resolve("kamailio.log"))).contains("CARRIER challenge REGISTER")
                    .contains("CARRIER registered sip:8801@" + CARRIER);

            // PSTN -> Kamailio -> our trunk -> extension 101
            Process reg = ns.start(tmp.resolve("register.log"), scen, sipp, "127.0.0.1:5060", "-sf", "register.xml",
                    "-s", "101", "-au", "101", "-ap", "pw-101", "-m", "1", "-i", "127.0.0.1", "-p", "5072",
                    "-timeout", "15s", "-timeout_error", "-nostdin");
            assertExit(reg, "register");
            Process ext101 = ns.start(tmp.resolve("ext101.log"), scen, sipp, "-sn", "uas", "-i", "127.0.0.1", "-p",
                    "5072", "-m", "1", "-timeout", "60s", "-timeout_error", "-nostdin");
            Process caller = ns.start(tmp.resolve("pstn-caller.log"), scen, sipp, CARRIER + ":5070", "-sf",
                    "carrier_calls_in.xml", "-set", "ruri", "sip:8801@" + CARRIER + ":5070", "-set", "caller",
                    "4930555123", "-i", CARRIER, "-p", "5091", "-m", "1", "-timeout", "30s", "-timeout_error",
                    "-nostdin");
            assertExit(caller, "pstn-caller");
            assertExit(ext101, "ext101");
            assertThat(read(tmp.resolve("kamailio.log"))).contains("CARRIER inbound call to the PBX");

            // extension 100 dials 9 0301234 -> our server -> Kamailio (407, answered as 8801) -> PSTN
            Process ext100 = ns.start(tmp.resolve("ext100.log"), scen, sipp, "127.0.0.1:5060", "-sf", "uac_auth.xml",
                    "-inf", "caller.csv", "-s", "90301234", "-au", "100", "-ap", "pw-100", "-m", "1", "-i",
                    "127.0.0.1", "-p", "5071", "-timeout", "30s", "-timeout_error", "-nostdin");
            assertExit(ext100, "ext100");
            assertExit(pstn, "pstn");
            assertThat(read(tmp.resolve("kamailio.log"))).contains("CARRIER challenge INVITE sip:0301234@" + CARRIER)
                    .contains("CARRIER outbound call authenticated as 8801: R-URI sip:0301234@" + CARRIER
                            + ":5070;user=phone");
            assertThat(read(tmp.resolve("pstn-messages.log"))).contains("INVITE sip:0301234@" + CARRIER
                    + ":5070;user=phone SIP/2.0").contains("From: <sip:8801@" + CARRIER + ">;tag=");
            // the carrier's view, for the record (docs/TRUNKS.md quotes it)
            read(tmp.resolve("kamailio.log")).lines().filter(l -> l.contains("CARRIER"))
                    .forEach(l -> System.out.println("kamailio: " + l.substring(l.indexOf("CARRIER"))));
        }
    }

    private void assertExit(Process p, String what) throws Exception {
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", what).isTrue();
        assertThat(p.exitValue()).as("sipp %s exit status; log:\n%s\nserver log:\n%s\nkamailio log:\n%s", what,
                tail(read(tmp.resolve(what + ".log"))), tail(read(tmp.resolve("server/server.log"))),
                tail(read(tmp.resolve("kamailio.log")))).isZero();
    }

    private static String read(Path p) throws java.io.IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }

    private static String tail(String s) {
        return s.length() > 5000 ? s.substring(s.length() - 5000) : s;
    }
}
