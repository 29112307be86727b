package org.minisip.server.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.server.ServerCommand;
import org.minisip.server.TestServer;
import picocli.CommandLine;

/**
 * Trunk registration against SIPp playing the carrier's registrar on 127.0.0.5: digest challenge answered,
 * refresh before expiry, {@code same-call-id} true (one Call-ID, CSeq + 1) and false (a new Call-ID, CSeq 1, for
 * every REGISTER), back-off after the registrar refuses the credentials, and the status through the CLI.
 */
class TrunkRegistrationIT {
    static final String REGISTRAR = "127.0.0.5";
    private static final Pattern LINE = Pattern.compile("REGISTER CALL-ID (\\S+) CSEQ (\\d+) REGISTER");
    @TempDir
    Path tmp;

    @Test
    void registersRefreshesBacksOffAndReportsStatus() throws Exception {
        int keep = Sipp.freePort(REGISTRAR);
        int fresh = Sipp.freePort(REGISTRAR);
        int wrong = Sipp.freePort(REGISTRAR);
        try (Sipp sipp = new Sipp(tmp)) {
            Process keepReg = sipp.start("keep", "-sf", "registrar_same.xml", "-i", REGISTRAR, "-p",
                    Integer.toString(keep), "-m", "1", "-timeout", "40s");
            Process freshReg = sipp.start("fresh", "-sf", "registrar_each.xml", "-i", REGISTRAR, "-p",
                    Integer.toString(fresh), "-m", "4", "-timeout", "40s");
            Process wrongReg = sipp.start("wrong", "-sf", "registrar_each.xml", "-i", REGISTRAR, "-p",
                    Integer.toString(wrong), "-m", "4", "-timeout", "40s");
            try (TestServer server = TestServer.start("""
                    trunks:
                      - {name: keep, registrar: "%1$s:%2$d", username: "8801", password: "s3cret"}
                      - {name: fresh, registrar: "%1$s:%3$d", username: "8801", password: "s3cret",
                         same-call-id: false}
                      - {name: wrong, registrar: "%1$s:%4$d", username: "8801", password: "guessed", same-call-id: false,
                         retry-seconds: 1}
                      - {name: gw, address: "127.0.0.6:5999", outbound-prefix: "8"}
                    """.formatted(REGISTRAR, keep, fresh, wrong))) {
                sipp.assertExit(keepReg, "keep", 0, "");
                sipp.assertExit(freshReg, "fresh", 0, "");
                sipp.assertExit(wrongReg, "wrong", 0, "");

                List<String[]> k = registers(sipp.read("keep.log"));
                assertThat(k).hasSize(4);
                assertThat(k).extracting(r -> r[0]).containsOnly(k.get(0)[0]);
                assertThat(k).extracting(r -> r[1]).containsExactly("1", "2", "3", "4");
                assertThat(sipp.read("keep.log")).contains("AUTH ok");

                List<String[]> f = registers(sipp.read("fresh.log"));
                assertThat(f).hasSize(4);
                assertThat(f).extracting(r -> r[0]).doesNotHaveDuplicates();
                assertThat(f).extracting(r -> r[1]).containsOnly("1");
                assertThat(sipp.read("fresh.log")).containsSubsequence("-> 401", "-> 200", "-> 401", "-> 200");

                assertThat(sipp.read("wrong.log")).containsSubsequence("-> 401", "-> 403", "-> 401", "-> 403");

                Path status = server.dataDir.resolve(TrunkStatus.FILE);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Files.readString(status))
                        .contains("keep registered as sip:8801@" + REGISTRAR + " expires=3600")
                        .contains("wrong failed 403 Forbidden, retry 2 in 2s")
                        .contains("gw not-registering gateway 127.0.0.6:5999"));
                String cli = cli("--data-dir", server.dataDir.toString(), "--trunk-status");
                assertThat(cli).contains("keep registered").contains("wrong failed 403 Forbidden")
                        .contains("gw not-registering");
            }
        }
    }

    private static List<String[]> registers(String log) {
        Matcher m = LINE.matcher(log);
        List<String[]> list = new java.util.ArrayList<>();
        while (m.find()) {
            list.add(new String[] {m.group(1), m.group(2)});
        }
        return list;
    }

    private static String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(new CommandLine(new ServerCommand()).execute(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
