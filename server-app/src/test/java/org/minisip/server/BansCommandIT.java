package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code minisipserver-cli bans}: lists and lifts bans of a running server (admin socket) and of a stopped one. */
class BansCommandIT {
    private record Run(int exit, String out) {
    }

    private static synchronized Run cli(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new ServerCommand()).execute(args);
            return new Run(exit, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void listsAndLiftsBansOfARunningAndOfAStoppedServer() throws Exception {
        TestServer server = TestServer.start(null);
        String dir = server.dataDir.toString();
        try {
            assertThat(cli("--data-dir", dir, "bans").out()).contains("no bans");
            server.server.security().bans().ban(InetAddress.getByName("192.0.2.66"), Duration.ofHours(1),
                    "5 failed authentications within 60 s (test)");
            server.server.security().bans().ban(InetAddress.getByName("2001:db8::66"), Duration.ofHours(2), "scanner");
            Run list = cli("--data-dir", dir, "bans");
            assertThat(list.exit()).isZero();
            assertThat(list.out()).contains("192.0.2.66\t").contains("5 failed authentications")
                    .contains("2001:db8:0:0:0:0:0:66\t");
            Run lift = cli("bans", "--data-dir", dir, "--lift", "192.0.2.66");
            assertThat(lift.exit()).isZero();
            assertThat(lift.out()).contains("lifted 192.0.2.66");
            assertThat(server.server.security().bans().isBanned(InetAddress.getByName("192.0.2.66"))).isFalse();
            assertThat(cli("--data-dir", dir, "bans", "--lift", "192.0.2.66").exit()).as("not banned").isEqualTo(1);
        } finally {
            server.close();
        }
        // stopped server: the saved list (security/bans.json) is read and edited
        Run offline = cli("--data-dir", dir, "bans");
        assertThat(offline.out()).contains("2001:db8:0:0:0:0:0:66").doesNotContain("192.0.2.66");
        assertThat(cli("--data-dir", dir, "bans", "--lift", "2001:db8::66").out()).contains("lifted");
        assertThat(cli("--data-dir", dir, "bans").out()).contains("no bans");
    }
}
