package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.sip.stack.Transport;

/**
 * Several accounts at once (repeated --account): one headless phone registers 100 on server A over UDP with SRTP off
 * and 101 on server B over TCP with SRTP mandatory, then takes a call on each account; each call is answered with
 * that account's own SRTP mode.
 */
class MultiAccountIT {
    private static TestServer serverA;
    private static TestServer serverB;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        serverA = TestServer.start(null);
        serverB = TestServer.start(null);
    }

    @AfterAll
    static void stop() throws Exception {
        serverA.close();
        serverB.close();
    }

    @Test
    void twoAccountsOnTwoServersEachTakeACallWithTheirOwnTransportAndSrtp() throws Exception {
        String accA = "sip:100@127.0.0.1:" + serverA.port(Transport.UDP);
        String accB = "sip:101@127.0.0.1:" + serverB.port(Transport.TCP) + ";transport=tcp";
        try (PhoneProcess multi = PhoneProcess.start(tmp.resolve("multi.log"), "--account", accA, "--password",
                "pw-100", "--srtp", "off", "--account", accB, "--password", "pw-101", "--srtp", "mandatory",
                "--auto-answer", "--duration", "1")) {
            List<String> registered = List.of(multi.await("registered ", Duration.ofSeconds(45)),
                    multi.await("registered ", Duration.ofSeconds(45)));
            assertThat(registered).anyMatch(l -> l.startsWith("registered sip:100@127.0.0.1 "))
                    .anyMatch(l -> l.startsWith("registered sip:101@127.0.0.1 "));
            try (PhoneProcess callerA = PhoneProcess.start(tmp.resolve("callerA.log"), "--account",
                    "sip:102@127.0.0.1:" + serverA.port(Transport.UDP), "--password", "pw-102", "--call", "100",
                    "--duration", "1")) {
                assertThat(callerA.await("answered ", Duration.ofSeconds(45))).endsWith("srtp=no");
                assertThat(callerA.waitForExit(Duration.ofSeconds(30))).isZero();
            }
            assertThat(multi.await("incoming ", Duration.ofSeconds(10))).startsWith("incoming sip:102@");
            multi.await("ended ", Duration.ofSeconds(20));
            try (PhoneProcess callerB = PhoneProcess.start(tmp.resolve("callerB.log"), "--account",
                    "sip:102@127.0.0.1:" + serverB.port(Transport.TCP) + ";transport=tcp", "--password", "pw-102",
                    "--call", "101", "--duration", "1")) {
                assertThat(callerB.await("answered ", Duration.ofSeconds(45))).endsWith("srtp=yes");
                assertThat(callerB.waitForExit(Duration.ofSeconds(30))).isZero();
            }
            assertThat(multi.await("incoming ", Duration.ofSeconds(10))).startsWith("incoming sip:102@");
        }
    }

    @Test
    void passwordsMustPairWithAccounts() throws Exception {
        try (PhoneProcess p = PhoneProcess.start(tmp.resolve("bad.log"), "--account", "sip:100@127.0.0.1",
                "--account", "sip:101@127.0.0.1", "--password", "pw-100", "--register-only")) {
            assertThat(p.waitForExit(Duration.ofSeconds(20))).isEqualTo(2);
            assertThat(p.stderr()).contains("as many --password");
        }
    }
}
