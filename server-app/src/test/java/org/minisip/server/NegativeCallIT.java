package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.sip.stack.Transport;

/** Calls that must fail cleanly, with the contract's exit codes and one-line reasons. */
class NegativeCallIT {
    private static TestServer server;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("calls:\n  no-answer-seconds: 3\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String[] account(String ext, String password) {
        return new String[] {"--account", "sip:" + ext + "@127.0.0.1:" + server.port(Transport.UDP),
            "--password", password};
    }

    @Test
    void wrongPasswordFailsRegistrationWithExit3AndNoCall() throws Exception {
        try (PhoneProcess p = PhoneProcess.start(tmp.resolve("wrongpw.log"),
                CallIT.concat(account("100", "wrong"), "--call", "101"))) {
            String line = p.await("registration-failed ", Duration.ofSeconds(20));
            assertThat(line).matches("registration-failed (401|403) .+");
            assertThat(p.waitForExit(Duration.ofSeconds(20))).isEqualTo(3);
            assertThat(p.stdout()).noneMatch(l -> l.startsWith("ringing") || l.startsWith("answered"));
        }
    }

    @Test
    void unknownNumberGets404AndUnregisteredGets480() throws Exception {
        try (PhoneProcess p = PhoneProcess.start(tmp.resolve("404.log"),
                CallIT.concat(account("100", "pw-100"), "--call", "999"))) {
            assertThat(p.waitForExit(Duration.ofSeconds(30))).isEqualTo(4);
            assertThat(String.join("\n", p.stdout())).contains("404");
        }
        try (PhoneProcess p = PhoneProcess.start(tmp.resolve("480.log"),
                CallIT.concat(account("100", "pw-100"), "--call", "104"))) {
            assertThat(p.waitForExit(Duration.ofSeconds(30))).isEqualTo(4);
            assertThat(String.join("\n", p.stdout())).contains("480");
        }
    }

    @Test
    void mandatorySrtpAgainstRtpOnlyPeerFailsCleanly() throws Exception {
        try (PhoneProcess callee = PhoneProcess.start(tmp.resolve("rtponly.log"),
                CallIT.concat(account("102", "pw-102"), "--auto-answer", "--srtp", "off"))) {
            callee.await("registered ", Duration.ofSeconds(20));
            try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("srtpmand.log"),
                    CallIT.concat(account("103", "pw-103"), "--call", "102", "--srtp", "mandatory"))) {
                assertThat(caller.waitForExit(Duration.ofSeconds(30))).isEqualTo(4);
                assertThat(String.join("\n", caller.stdout())).contains("488");
                assertThat(caller.stdout()).noneMatch(l -> l.startsWith("answered"));
            }
        }
    }

    @Test
    void unansweredCallGets408AfterTheConfiguredTimeout() throws Exception {
        // 101 registers but never answers (no --auto-answer): the server gives up after 3 s
        try (PhoneProcess callee = PhoneProcess.start(tmp.resolve("noanswer-callee.log"),
                CallIT.concat(account("101", "pw-101"), "--register-only", "--duration", "30"))) {
            callee.await("registered ", Duration.ofSeconds(20));
            try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("noanswer.log"),
                    CallIT.concat(account("100", "pw-100"), "--call", "101"))) {
                assertThat(caller.waitForExit(Duration.ofSeconds(30))).isEqualTo(4);
                assertThat(String.join("\n", caller.stdout())).contains("408");
            }
        }
    }
}
