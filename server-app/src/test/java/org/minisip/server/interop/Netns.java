package org.minisip.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace made by the test (root required) with loopback up and one veth pair (10.99.0.1/24 on
 * v0), so real peers that pick "the machine's non-loopback address" for media only ever reach a test host of
 * our own. Every process started through {@link #start} runs inside it and is killed on {@link #close}.
 */
public final class Netns implements AutoCloseable {
    public static final String HOST_ADDRESS = "10.99.0.1";
    private final String name;
    private final List<Process> processes = new ArrayList<>();

    private Netns(String name) {
        this.name = name;
    }

    public static Netns create() throws IOException, InterruptedException {
        String name = "msip" + ThreadLocalRandom.current().nextInt(100000, 999999);
        Netns ns = new Netns(name);
        ns.ip("netns", "add", name);
        ns.ip("netns", "exec", name, "ip", "link", "set", "lo", "up");
        ns.ip("netns", "exec", name, "ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        ns.ip("netns", "exec", name, "ip", "addr", "add", HOST_ADDRESS + "/24", "dev", "v0");
        ns.ip("netns", "exec", name, "ip", "link", "set", "v0", "up");
        ns.ip("netns", "exec", name, "ip", "link", "set", "v1", "up");
        return ns;
    }

    private void ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("%s finished", cmd).isTrue();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as("%s failed: %s (interop tests need root and iproute2)", cmd, out).isZero();
    }

    /** Starts {@code command} inside the namespace; stdout+stderr go to {@code log}. */
    public Process start(Path log, Path workDir, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** Fails the test with a clear message when a required tool is not installed (interop never skips). */
    public static String requireTool(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            File f = new File(dir, tool);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        throw new AssertionError(tool + " is not installed; the interop profile needs it (see .ci/run)");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        ip("netns", "del", name);
    }
}
