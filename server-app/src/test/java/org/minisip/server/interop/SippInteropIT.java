package org.minisip.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIPp (Debian's sip-tester) against our server, inside a test namespace: a SIPp UAS registers as 101 with
 * digest auth, a SIPp UAC as 100 answers the 407 and calls 101 through the B2BUA (INVITE/200/ACK/BYE).
 */
@Tag("interop")
class SippInteropIT {
    @TempDir
    Path tmp;

    @Test
    void sippRegistersAndCallsThroughTheServer() throws Exception {
        String sipp = Netns.requireTool("sipp");
        Path scen = tmp.resolve("scenarios");
        Files.createDirectories(scen);
        for (String f : List.of("register.xml", "uac_auth.xml", "caller.csv")) {
            try (InputStream in = getClass().getResourceAsStream("/sipp/" + f)) {
                Files.copy(in, scen.resolve(f));
            }
        }
        try (Netns ns = Netns.create()) {
            ServerProcess.start(ns, tmp.resolve("server"), "127.0.0.1");
            Process reg = ns.start(tmp.resolve("register.log"), scen, sipp, "127.0.0.1:5060", "-sf", "register.xml",
                    "-s", "101", "-au", "101", "-ap", "pw-101", "-m", "1", "-i", "127.0.0.1", "-p", "5070",
                    "-timeout", "15s", "-timeout_error", "-nostdin", "-trace_err");
            assertExit(reg, "register", 0);
            Process uas = ns.start(tmp.resolve("uas.log"), scen, sipp, "-sn", "uas", "-i", "127.0.0.1", "-p", "5070",
                    "-m", "1", "-timeout", "30s", "-timeout_error", "-nostdin", "-trace_err");
            Thread.sleep(500);
            Process uac = ns.start(tmp.resolve("uac.log"), scen, sipp, "127.0.0.1:5060", "-sf", "uac_auth.xml",
                    "-inf", "caller.csv", "-s", "101", "-au", "100", "-ap", "pw-100", "-m", "1", "-i", "127.0.0.1",
                    "-p", "5071", "-timeout", "20s", "-timeout_error", "-nostdin", "-trace_err");
            assertExit(uac, "uac", 0);
            assertExit(uas, "uas", 0);
            Thread.sleep(500);
            try (Stream<Path> cdrs = Files.list(tmp.resolve("server/cdr"))) {
                String rows = String.join("\n", cdrs.map(ServerProcess::read).toList());
                assertThat(rows).contains(",100,101,").contains("ANSWERED");
            }
        }
    }

    private void assertExit(Process p, String what, int expected) throws InterruptedException, IOException {
        assertThat(p.waitFor(40, TimeUnit.SECONDS)).as("%s finished", what).isTrue();
        String log = Files.readString(tmp.resolve(what + ".log"));
        assertThat(p.exitValue()).as("sipp %s exit status; log:\n%s\nserver log:\n%s", what, tail(log),
                tail(Files.readString(tmp.resolve("server/server.log")))).isEqualTo(expected);
    }

    private static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }
}
