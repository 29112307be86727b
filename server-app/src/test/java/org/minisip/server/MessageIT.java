package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.sip.stack.Transport;

/**
 * Instant messages (SIP MESSAGE) between extensions through our server with the headless CLI: delivered at once
 * to a registered extension (200), stored for an offline one (202) and delivered when it registers.
 */
class MessageIT {
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

    @Test
    void messageToARegisteredExtensionIsDeliveredAtOnce() throws Exception {
        try (PhoneProcess bob = PhoneProcess.start(tmp.resolve("bob.log"), CallIT.concat(account("101"),
                "--register-only", "--duration", "30"))) {
            bob.await("registered ", Duration.ofSeconds(45));
            try (PhoneProcess alice = PhoneProcess.start(tmp.resolve("alice.log"), CallIT.concat(account("100"),
                    "--message-to", "101", "--message", "héllo Bob, ünïcode ok?"))) {
                assertThat(alice.await("message-", Duration.ofSeconds(45))).isEqualTo("message-sent 200 OK");
                assertThat(alice.waitForExit(Duration.ofSeconds(20))).isZero();
            }
            assertThat(bob.await("message ", Duration.ofSeconds(10)))
                    .matches("message sip:100@\\S+ héllo Bob, ünïcode ok\\?");
        }
    }

    @Test
    void messageToAnOfflineExtensionIsStoredAndDeliveredWhenItRegisters() throws Exception {
        try (PhoneProcess alice = PhoneProcess.start(tmp.resolve("alice2.log"), CallIT.concat(account("100"),
                "--message-to", "102", "--message", "call me back"))) {
            assertThat(alice.await("message-", Duration.ofSeconds(45))).isEqualTo("message-sent 202 Accepted");
            assertThat(alice.waitForExit(Duration.ofSeconds(20))).isZero();
        }
        try (PhoneProcess carol = PhoneProcess.start(tmp.resolve("carol.log"), CallIT.concat(account("102"),
                "--register-only", "--duration", "20"))) {
            // the server sends the stored message right after the REGISTER's 200, so the phone may print it before
            // its own "registered" line: wait for the message, then check the registration in everything seen
            assertThat(carol.await("message ", Duration.ofSeconds(60))).matches("message sip:100@\\S+ call me back");
            assertThat(carol.stdout()).anyMatch(l -> l.startsWith("registered "));
        }
    }

    @Test
    void messageToAnUnknownNumberIs404() throws Exception {
        try (PhoneProcess alice = PhoneProcess.start(tmp.resolve("alice3.log"), CallIT.concat(account("100"),
                "--message-to", "999", "--message", "anyone?"))) {
            assertThat(alice.await("message-", Duration.ofSeconds(45))).startsWith("message-failed 404");
            assertThat(alice.waitForExit(Duration.ofSeconds(20))).isEqualTo(4);
        }
    }

    private static String[] account(String ext) {
        return new String[] {"--account", "sip:" + ext + "@127.0.0.1:" + server.port(Transport.UDP),
            "--password", "pw-" + ext};
    }
}
