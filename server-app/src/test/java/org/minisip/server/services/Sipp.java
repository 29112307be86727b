package org.minisip.server.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.minisip.server.interop.Netns;

/**
 * SIPp (Debian's sip-tester) on 127.0.0.1 against an in-process test server: scenario files come from the test
 * resources {@code /sipp/}; every run has a timeout and its log is shown when it fails.
 */
final class Sipp implements AutoCloseable {
    private final Path dir;
    private final int serverPort;
    private final String sipp = Netns.requireTool("sipp");
    private final List<Process> running = new ArrayList<>();

    Sipp(Path dir, int serverPort) throws IOException {
        this.dir = dir;
        this.serverPort = serverPort;
        Files.createDirectories(dir);
        for (String f : List.of("register.xml", "caller.csv", "uas_ring.xml", "uas_redirect.xml",
                "uac_keepalive.xml")) {
            copy(f, f);
        }
    }

    private void copy(String resource, String name) throws IOException {
        try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + resource)) {
            Files.copy(in, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes a scenario from a template resource with {@code @@EXPECT@@} replaced. */
    String template(String resource, String name, String expect) throws IOException {
        try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + resource)) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            Files.writeString(dir.resolve(name), text.replace("@@EXPECT@@", expect),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        return name;
    }

    static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Registers {@code ext} (password pw-ext) from {@code port} and waits for success. */
    void register(String ext, int port) throws Exception {
        Process p = start("register-" + ext, "127.0.0.1:" + serverPort, "-sf", "register.xml", "-s", ext, "-au", ext,
                "-ap", "pw-" + ext, "-m", "1", "-p", String.valueOf(port), "-timeout", "15s");
        expectExit(p, "register-" + ext, 0);
    }

    /** Starts a UAS on {@code port}: a scenario file, or "uas" for SIPp's built-in answering one. */
    Process uas(String name, String scenario, int port, String... extra) throws IOException {
        List<String> a = new ArrayList<>(scenario.equals("uas") ? List.of("-sn", "uas") : List.of("-sf", scenario));
        a.addAll(List.of("-m", "1", "-p", String.valueOf(port), "-timeout", "40s"));
        a.addAll(List.of(extra));
        return start(name, a.toArray(String[]::new));
    }

    Process uac(String name, String scenario, String callee, String caller, int port) throws IOException {
        return start(name, "127.0.0.1:" + serverPort, "-sf", scenario, "-inf", "caller.csv", "-s", callee,
                "-au", caller, "-ap", "pw-" + caller, "-m", "1", "-p", String.valueOf(port), "-timeout", "40s");
    }

    Process start(String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(sipp));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-i", "127.0.0.1", "-timeout_error", "-nostdin", "-trace_err", "-trace_msg",
                "-message_file", dir.resolve(name + ".msg").toString(),
                "-error_file", dir.resolve(name + ".err").toString()));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        running.add(p);
        return p;
    }

    void expectExit(Process p, String name, int status) throws Exception {
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("sipp %s finished", name).isTrue();
        assertThat(p.exitValue()).as("sipp %s exit status; errors:\n%s\nmessages:\n%s", name, tail(name + ".err"),
                tail(name + ".msg")).isEqualTo(status);
    }

    String tail(String file) {
        try {
            String s = Files.readString(dir.resolve(file), java.nio.charset.StandardCharsets.ISO_8859_1);
            return s.length() > 5000 ? s.substring(s.length() - 5000) : s;
        } catch (IOException e) {
            return "(none)";
        }
    }

    @Override
    public void close() {
        running.forEach(Process::destroy);
    }
}
