package org.minisip.server.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.minisip.server.interop.Netns;

/**
 * SIPp (Debian's sip-tester) processes on loopback addresses for trunk tests: scenarios copied from
 * {@code /sipp/} and {@code /sipp/trunk/} into a work dir; each run's screen output goes to {@code <name>.out},
 * its {@code <log>} actions to {@code <name>.log}. Processes are killed on {@link #close}.
 */
public final class Sipp implements AutoCloseable {
    private static final List<String> SCENARIOS = List.of("uac_auth.xml", "caller.csv", "trunk/carrier_auth_answer.xml",
            "trunk/carrier_ring_forever.xml", "trunk/uac_no_answer.xml", "trunk/registrar_each.xml",
            "trunk/registrar_same.xml", "trunk/carrier_calls_in.xml", "register.xml",
            "trunk/uas_answer_then_bye.xml");
    private final Path dir;
    private final String sipp = Netns.requireTool("sipp");
    private final List<Process> processes = new ArrayList<>();

    public Sipp(Path dir) throws IOException {
        this.dir = dir;
        for (String f : SCENARIOS) {
            try (InputStream in = getClass().getResourceAsStream("/sipp/" + f)) {
                Files.copy(in, dir.resolve(f.substring(f.lastIndexOf('/') + 1)));
            }
        }
    }

    /** A UDP port free on {@code address} right now (SIPp binds it a moment later). */
    public static int freePort(String address) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0))) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code sipp args...} with logging to {@code name.log}; one call ({@code -m 1}) unless args say so. */
    public Process start(String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(sipp));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-trace_logs", "-log_file", dir.resolve(name + ".log").toString(), "-trace_err",
                "-error_file", dir.resolve(name + ".err").toString(), "-nostdin", "-timeout_error"));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile()).start();
        processes.add(p);
        return p;
    }

    /** Waits for a SIPp run to end and asserts its exit status (0: the scenario passed). */
    public void assertExit(Process p, String name, int expected, String context) throws Exception {
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("sipp %s finished", name).isTrue();
        assertThat(p.exitValue()).as("sipp %s exit status; errors:\n%s\nlog:\n%s\n%s", name, read(name + ".err"),
                read(name + ".log"), context).isEqualTo(expected);
    }

    public String read(String file) throws IOException {
        Path f = dir.resolve(file);
        if (!Files.exists(f)) {
            return "(no " + file + ")";
        }
        String s = Files.readString(f);
        return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
