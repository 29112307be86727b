package org.minisip.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real scanners against the server, in a namespace of our own: SIPVicious ({@code svwar}, {@code svcrack}) from
 * 127.0.0.2 gets banned (by its User-Agent, and with that rule off, by fail-to-ban after 5 wrong passwords) while
 * our phone on 127.0.0.1 keeps registering; {@code openssl s_client} sees TLS 1.2 and 1.3 accepted, 1.0 and 1.1
 * refused by the server.
 */
@Tag("interop")
class SipviciousInteropIT {
    private static final Pattern FAILED = Pattern.compile("authentication failed for '100' from 127\\.0\\.0\\.2:");

    @TempDir
    Path tmp;

    private static Process server(Netns ns, Path dir, String security) throws Exception {
        // all addresses: the scanners reach it on 127.0.0.2, our phone on 127.0.0.1; not 5060, which SIPVicious
        // binds for itself
        StringBuilder y = new StringBuilder("sip:\n  bind: 0.0.0.0\n  udp-port: 5070\n  tcp-port: 5070\n"
                + "  tls-port: 5071\n" + security + "extensions:\n");
        for (int n = 100; n <= 104; n++) {
            y.append("  - {number: \"").append(n).append("\", password: \"pw-").append(n).append("-x9\"}\n");
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("server.yaml"), y.toString());
        Path log = dir.resolve("server.log");
        Process p = ns.start(log, dir, Jars.java(), "-jar", Jars.server().toString(), "--data-dir", dir.toString());
        ServerProcess.waitForLine(log, "minisipserver listening", Duration.ofSeconds(60), p);
        return p;
    }

    private static String run(Netns ns, Path dir, String name, int timeoutSeconds, String... cmd) throws Exception {
        Path log = dir.resolve(name + ".log");
        Process p = ns.start(log, dir, cmd);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        return Files.readString(log);
    }

    /** Our phone registers from 127.0.0.1: the legitimate client keeps service. */
    private static void legitimateClientRegisters(Netns ns, Path dir, String name) throws Exception {
        String out = run(ns, dir, name, 60, Jars.java(), "-jar", Jars.phone().toString(), "--headless",
                "--account", "sip:101@127.0.0.1:5070", "--password", "pw-101-x9", "--register-only", "--duration", "1");
        assertThat(out).as("phone from 127.0.0.1").contains("registered sip:101@127.0.0.1");
    }

    /**
     * SIPVicious 0.3.3 ignores its {@code -b} option (it binds 0.0.0.0:5060), so the kernel picks its source
     * address: a local route makes traffic to 127.0.0.2 leave from 127.0.0.2.
     */
    private static void sourceRoute(Netns ns, Path dir) throws Exception {
        Files.createDirectories(dir);
        Process p = ns.start(dir.resolve("route.log"), dir, "ip", "route", "add", "local", "127.0.0.2/32", "dev",
                "lo", "src", "127.0.0.2", "table", "local");
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("route.log"))).isZero();
    }

    @Test
    void scannersFrom127002AreBannedWhile127001KeepsService() throws Exception {
        Netns.requireTool("svwar");
        Netns.requireTool("svcrack");
        try (Netns ns = Netns.create()) {
            sourceRoute(ns, tmp);
            Path a = tmp.resolve("default");
            Process srv = server(ns, a, "");
            String war = run(ns, a, "svwar", 120, "svwar", "-p", "5070", "-e100-120", "--force",
                    "127.0.0.2");
            String crack = run(ns, a, "svcrack", 120, "svcrack", "-p", "5070", "-u100", "-r1-200",
                    "--maximumtime=10", "127.0.0.2");
            legitimateClientRegisters(ns, a, "phone-a");
            String log = Files.readString(a.resolve("server.log"));
            assertThat(log).contains("banned 127.0.0.2").contains("scanner User-Agent 'friendly-scanner'");
            assertThat(war).as("svwar learns no extension").doesNotContainPattern("\\|\\s*10[0-4]\\s*\\|");
            assertThat(crack).as("svcrack finds no password").doesNotContain("pw-100");
            srv.destroy();
            srv.waitFor(20, TimeUnit.SECONDS);

            Path b = tmp.resolve("no-ua-rule");
            srv = server(ns, b, "security:\n  scanner-user-agents: []\n");
            crack = run(ns, b, "svcrack", 180, "svcrack", "-p", "5070", "-u100", "-r1-200",
                    "--maximumtime=10", "127.0.0.2");
            legitimateClientRegisters(ns, b, "phone-b");
            log = Files.readString(b.resolve("server.log"));
            Matcher m = FAILED.matcher(log);
            int failures = 0;
            while (m.find()) {
                failures++;
            }
            // svcrack sends in parallel: tries already past the stack's check when the ban lands are still answered
            // (at most one per SIP worker thread, 8); everything later is dropped unanswered
            System.out.println("svcrack: failed authentications processed from 127.0.0.2: " + failures);
            assertThat(log).contains("banned 127.0.0.2").contains("5 failed authentications within 60 s");
            assertThat(failures).isBetween(5, 5 + 8);
            assertThat(crack).doesNotContain("pw-100");
            srv.destroy();
            srv.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void opensslSeesOnlyTls12And13() throws Exception {
        Netns.requireTool("openssl");
        try (Netns ns = Netns.create()) {
            Path d = tmp.resolve("tls");
            server(ns, d, "");
            for (String v : new String[] {"tls1_2", "tls1_3"}) {
                String out = run(ns, d, "s_client-" + v, 30, "sh", "-c",
                        "openssl s_client -connect 127.0.0.1:5071 -" + v + " </dev/null");
                String version = v.equals("tls1_2") ? "TLSv1.2" : "TLSv1.3";
                assertThat(out).as(v).contains("New, " + version + ", Cipher is ").doesNotContain("Cipher is (NONE)");
            }
            for (String v : new String[] {"tls1", "tls1_1"}) {
                // SECLEVEL=0 makes OpenSSL 3 willing to offer the old version, so a refusal is the server's
                String out = run(ns, d, "s_client-" + v, 30, "sh", "-c", "openssl s_client -connect 127.0.0.1:5071 -"
                        + v + " -cipher 'DEFAULT:@SECLEVEL=0' </dev/null");
                assertThat(out).as(v).contains("New, (NONE), Cipher is (NONE)");
            }
        }
    }
}
