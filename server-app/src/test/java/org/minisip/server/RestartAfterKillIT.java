package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server process is killed with SIGKILL (no shutdown hook runs) and started again on the same data dir:
 * every registration is back, the callee is reached without having re-registered, and the CDR row of a call that
 * ended just before a second SIGKILL is on disk; a message stored for an offline extension (202) right before a
 * SIGKILL is delivered when that extension registers with the restarted server.
 */
class RestartAfterKillIT {
    private static final int EXTENSIONS = 5;
    private static final int CONTACTS_EACH = 4;

    @TempDir
    Path tmp;

    private static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket t = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                 DatagramSocket u = new DatagramSocket(t.getLocalPort(), InetAddress.getByName("127.0.0.1"))) {
                return t.getLocalPort();
            } catch (IOException taken) {
                // UDP side in use: try another
            }
        }
        throw new IOException("no free port");
    }

    private static Process startServer(Path dir, Path log) throws Exception {
        Path jar = Path.of(System.getProperty("minisip.serverJar", "target/minisipserver.jar")).toAbsolutePath();
        assertThat(jar).as("server jar (mvn verify packages it first)").isRegularFile();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--data-dir", dir.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end && p.isAlive()) {
            if (Files.exists(log) && Files.readString(log).contains("minisipserver listening")) {
                return p;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("server did not start:\n" + (Files.exists(log) ? Files.readString(log) : ""));
    }

    private static void kill9(Process p) throws InterruptedException {
        p.destroyForcibly();   // SIGKILL on Linux
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }

    /** A 486 for an INVITE received as text (the request's Via, From, To + tag, Call-ID and CSeq). */
    private static String busy(String invite) {
        StringBuilder sb = new StringBuilder("SIP/2.0 486 Busy Here\r\n");
        for (String line : invite.split("\r\n")) {
            String l = line.toLowerCase();
            if (l.startsWith("via:") || l.startsWith("from:") || l.startsWith("call-id:") || l.startsWith("cseq:")) {
                sb.append(line).append("\r\n");
            } else if (l.startsWith("to:")) {
                sb.append(line).append(";tag=busy1\r\n");
            }
        }
        return sb.append("Content-Length: 0\r\n\r\n").toString();
    }

    @Test
    void registrationsAndCdrsSurviveKill9() throws Exception {
        int port = freePort();
        Path dir = Files.createDirectories(tmp.resolve("server"));
        StringBuilder y = new StringBuilder("sip:\n  bind: 127.0.0.1\n  udp-port: " + port + "\n  tcp-port: " + port
                + "\n  tls-port: 0\ncallback:\n  port: 0\ncalls:\n  no-answer-seconds: 20\nextensions:\n");
        for (int n = 100; n < 100 + EXTENSIONS; n++) {
            y.append("  - {number: \"").append(n).append("\", password: \"pw-").append(n).append("\"}\n");
        }
        Files.writeString(dir.resolve("server.yaml"), y.toString());
        Path log1 = tmp.resolve("server-1.log");
        Process first = startServer(dir, log1);
        List<RawSip> phones = new ArrayList<>();
        try {
            for (int n = 100; n < 100 + EXTENSIONS; n++) {
                RawSip sip = new RawSip(port);
                phones.add(sip);
                RegistrarIT.Registration reg = new RegistrarIT.Registration(sip, Integer.toString(n));
                for (int c = 0; c < CONTACTS_EACH; c++) {
                    String ok = reg.send("<sip:" + n + "@127.0.0.1:" + sip.localPort() + ";line=" + c + ">", "3600",
                            "pw-" + n);
                    assertThat(RawSip.status(ok)).as("REGISTER %s contact %s", n, c).isEqualTo(200);
                }
            }
            // the 200s above were sent only once the bindings were on disk: kill at once
            kill9(first);

            Path log2 = tmp.resolve("server-2.log");
            Process second = startServer(dir, log2);
            try {
                Matcher m = Pattern.compile("(\\d+) registration\\(s\\) restored").matcher(Files.readString(log2));
                assertThat(m.find()).as("restore line in\n%s", Files.readString(log2)).isTrue();
                int restored = Integer.parseInt(m.group(1));
                System.out.printf("kill -9 restart: %d of %d registrations recovered%n", restored,
                        EXTENSIONS * CONTACTS_EACH);
                assertThat(restored).isEqualTo(EXTENSIONS * CONTACTS_EACH);

                RawSip callee = phones.get(1);   // 101, silent since it registered
                try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("caller.err"), "--account",
                        "sip:100@127.0.0.1:" + port, "--password", "pw-100", "--call", "101")) {
                    Optional<String> invite = Optional.empty();
                    for (int i = 0; i < 200 && invite.isEmpty(); i++) {
                        Optional<String> msg = callee.receive(100);
                        if (msg.isPresent() && msg.get().startsWith("INVITE ")) {
                            invite = msg;
                        }
                    }
                    assertThat(invite).as("INVITE reached 101 without a new REGISTER").isPresent();
                    assertThat(invite.get()).startsWith("INVITE sip:101@127.0.0.1:" + callee.localPort() + ";line=");
                    // every forked leg (one per contact) gets a 486: the call fails busy
                    String first486 = busy(invite.get());
                    callee.send(first486);
                    for (int i = 0; i < 100; i++) {
                        Optional<String> msg = callee.receive(50);
                        if (msg.isPresent() && msg.get().startsWith("INVITE ")) {
                            callee.send(busy(msg.get()));
                        }
                    }
                    assertThat(caller.waitForExit(Duration.ofSeconds(30))).isEqualTo(4);
                }
                kill9(second);   // right after the caller learnt the call failed
            } finally {
                second.destroyForcibly();
            }
            List<String> rows = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir.resolve("cdr"))) {
                for (Path f : s.toList()) {
                    rows.addAll(Files.readAllLines(f));
                }
            }
            assertThat(rows).anySatisfy(r -> assertThat(r).contains(",100,101,").contains("BUSY").contains("486"));
        } finally {
            first.destroyForcibly();
            phones.forEach(RawSip::close);
        }
    }

    @Test
    void aStoredMessageSurvivesKill9() throws Exception {
        int port = freePort();
        Path dir = Files.createDirectories(tmp.resolve("server-msg"));
        Files.writeString(dir.resolve("server.yaml"), "sip:\n  bind: 127.0.0.1\n  udp-port: " + port
                + "\n  tcp-port: " + port + "\n  tls-port: 0\ncallback:\n  port: 0\nextensions:\n"
                + "  - {number: \"100\", password: \"pw-100\"}\n  - {number: \"102\", password: \"pw-102\"}\n");
        Process first = startServer(dir, tmp.resolve("server-msg-1.log"));
        try {
            try (PhoneProcess alice = PhoneProcess.start(tmp.resolve("alice.err"), "--account",
                    "sip:100@127.0.0.1:" + port, "--password", "pw-100", "--message-to", "102", "--message",
                    "kept across a crash")) {
                assertThat(alice.await("message-", Duration.ofSeconds(45))).isEqualTo("message-sent 202 Accepted");
            }
            // the 202 was sent only once the message was on disk: kill at once
            kill9(first);
            Process second = startServer(dir, tmp.resolve("server-msg-2.log"));
            try (PhoneProcess carol = PhoneProcess.start(tmp.resolve("carol.err"), "--account",
                    "sip:102@127.0.0.1:" + port, "--password", "pw-102", "--register-only", "--duration", "30")) {
                assertThat(carol.await("message ", Duration.ofSeconds(60)))
                        .matches("message sip:100@\\S+ kept across a crash");
                Path store = dir.resolve("messages.json");
                for (int i = 0; i < 100 && Files.readString(store).contains("\"to\""); i++) {
                    Thread.sleep(100);   // the 200 reaches the server, then the store is rewritten
                }
                assertThat(Files.readString(store)).as("delivered: gone from the store").doesNotContain("\"to\"");
            } finally {
                second.destroyForcibly();
                second.waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            first.destroyForcibly();
        }
    }
}
