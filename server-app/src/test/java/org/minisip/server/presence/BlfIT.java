package org.minisip.server.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.server.PhoneProcess;
import org.minisip.server.TestServer;
import org.minisip.sip.stack.Transport;

/**
 * Busy lamp field through our server with headless phones: a watcher subscribed to 101 and 102 sees 101 ring when
 * 102 calls it, both busy when 101 answers, and both idle after the hang-up; message-waiting from the server's
 * subscription says no messages.
 */
class BlfIT {
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
    void watcherSeesRingingThenBusyThenIdle() throws Exception {
        try (PhoneProcess watcher = PhoneProcess.start(tmp.resolve("watcher.log"), concat(account("100"),
                "--register-only", "--duration", "120", "--watch", "101,102"));
             PhoneProcess callee = PhoneProcess.start(tmp.resolve("callee.log"), concat(account("101"),
                     "--auto-answer", "--answer-after", "3", "--duration", "3"))) {
            watcher.await("registered ", Duration.ofSeconds(45));
            callee.await("registered ", Duration.ofSeconds(45));
            // lines of different extensions may come in any order: follow each extension's own sequence
            seen(watcher, "blf 101 idle");
            seen(watcher, "blf 102 idle");
            try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("caller.log"), concat(account("102"),
                    "--call", "101"))) {
                seen(watcher, "blf 101 ringing");
                seen(watcher, "blf 102 busy");
                assertThat(callee.await("answered ", Duration.ofSeconds(45))).startsWith("answered ");
                seen(watcher, "blf 101 busy");
                assertThat(caller.await("ended ", Duration.ofSeconds(45))).isEqualTo("ended remote-hangup");
                assertThat(caller.waitForExit(Duration.ofSeconds(20))).isZero();
            }
            seen(watcher, "blf 101 idle", 2);
            seen(watcher, "blf 102 idle", 2);
            assertThat(watcher.stdout().stream().filter(l -> l.startsWith("blf 101 ")).toList())
                    .containsExactly("blf 101 idle", "blf 101 ringing", "blf 101 busy", "blf 101 idle");
            assertThat(watcher.stdout().stream().filter(l -> l.startsWith("blf 102 ")).toList())
                    .containsExactly("blf 102 idle", "blf 102 busy", "blf 102 idle");
        }
    }

    /** Waits until {@code line} has been printed at least {@code times} times. */
    private static void seen(PhoneProcess p, String line, int times) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(100))
                .alias("'" + line + "' x" + times + " in " + p.stdout())
                .until(() -> p.stdout().stream().filter(line::equals).count() >= times);
    }

    private static void seen(PhoneProcess p, String line) {
        seen(p, line, 1);
    }

    @Test
    void watchingAnUnknownExtensionIsRefusedWith404() throws Exception {
        try (PhoneProcess watcher = PhoneProcess.start(tmp.resolve("unknown.log"), concat(account("103"),
                "--register-only", "--duration", "60", "--watch", "199"))) {
            assertThat(watcher.await("subscription-failed ", Duration.ofSeconds(45)))
                    .startsWith("subscription-failed dialog 199 404 ");
            seen(watcher, "blf 199 unknown");
        }
    }

    @Test
    void messageWaitingSubscriptionReportsNoMessages() throws Exception {
        try (PhoneProcess phone = PhoneProcess.start(tmp.resolve("mwi.log"), concat(account("104"),
                "--register-only", "--duration", "60", "--mwi"))) {
            assertThat(phone.await("mwi ", Duration.ofSeconds(45))).isEqualTo("mwi no 0/0");
        }
    }

    static String[] account(String ext) {
        return new String[] {"--account", "sip:" + ext + "@127.0.0.1:" + server.port(Transport.UDP),
            "--password", "pw-" + ext};
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
