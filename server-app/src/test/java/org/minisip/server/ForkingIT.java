package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.sip.stack.Transport;

/** Several registered contacts of one extension ring in parallel; the first to answer wins, the rest are CANCELled. */
class ForkingIT {
    private static TestServer server;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(null);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String[] account(String ext) {
        return new String[] {"--account", "sip:" + ext + "@127.0.0.1:" + server.port(Transport.UDP),
            "--password", "pw-" + ext};
    }

    @Test
    void bothContactsRingFirstAnswerWinsOtherIsCancelled() throws Exception {
        try (RawSip desk = new RawSip(server.port(Transport.UDP));
             PhoneProcess soft = PhoneProcess.start(tmp.resolve("soft.log"),
                     CallIT.concat(account("101"), "--auto-answer", "--duration", "2"))) {
            soft.await("registered ", Duration.ofSeconds(20));
            String ok = new RegistrarIT.Registration(desk, "101")
                    .send("<sip:101@127.0.0.1:" + desk.localPort() + ">", "600", "pw-101");
            assertThat(RawSip.status(ok)).isEqualTo(200);
            assertThat(server.server.location().lookup("101")).hasSize(2);
            try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("caller.log"),
                    CallIT.concat(account("100"), "--call", "101"))) {
                String invite = desk.receive(15000).orElseThrow(() -> new AssertionError("desk phone not rung"));
                assertThat(invite).startsWith("INVITE ");
                desk.send(NegativeCallIT.reply(invite, "180 Ringing"));
                caller.await("answered ", Duration.ofSeconds(15));
                soft.await("answered ", Duration.ofSeconds(5));
                String cancel = desk.receive(5000).orElseThrow(() -> new AssertionError("losing fork not cancelled"));
                assertThat(cancel).startsWith("CANCEL ");
                desk.send(NegativeCallIT.reply(cancel, "200 OK"));
                desk.send(NegativeCallIT.reply(invite, "487 Request Terminated"));
                caller.await("ended ", Duration.ofSeconds(15));
                assertThat(caller.waitForExit(Duration.ofSeconds(10))).isZero();
            }
        }
    }

    @Test
    void busyCalleeGives486ToTheCaller() throws Exception {
        // without --auto-answer our phone rejects incoming calls with 486 Busy Here
        try (PhoneProcess callee = PhoneProcess.start(tmp.resolve("busy.log"),
                CallIT.concat(account("103"), "--register-only", "--duration", "30"))) {
            callee.await("registered ", Duration.ofSeconds(20));
            try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("busy-caller.log"),
                    CallIT.concat(account("102"), "--call", "103"))) {
                assertThat(caller.waitForExit(Duration.ofSeconds(30))).isEqualTo(4);
                assertThat(caller.stdout()).anyMatch(l -> l.startsWith("call-failed 486"));
            }
        }
    }
}
