package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Our headless phone as a child process ({@code java -jar minisipphone.jar --headless ...}); its stdout state
 * lines are collected so tests can wait for them. stderr goes to a log file shown on failure.
 */
public final class PhoneProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Path errLog;

    private PhoneProcess(Process process, Path errLog) {
        this.process = process;
        this.errLog = errLog;
        Thread t = new Thread(this::pump, "phone-stdout");
        t.setDaemon(true);
        t.start();
    }

    public static Path jar() {
        Path p = Path.of(System.getProperty("minisip.phoneJar", "../phone-app/target/minisipphone.jar"))
                .toAbsolutePath().normalize();
        assertThat(Files.isRegularFile(p)).as("%s exists (mvn verify packages it first)", p).isTrue();
        return p;
    }

    /** Starts the phone with {@code args} after {@code --headless}. */
    public static PhoneProcess start(Path errLog, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString(), "--headless"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.to(errLog.toFile())).start();
        return new PhoneProcess(p, errLog);
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                seen.add(line);
                lines.add(line);
            }
        } catch (IOException ignored) {
            // process ended
        }
    }

    /** Waits for a stdout line starting with {@code prefix}; fails with everything seen so far. */
    public String await(String prefix, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            String l = lines.poll(100, TimeUnit.MILLISECONDS);
            if (l != null && l.startsWith(prefix)) {
                return l;
            }
        }
        throw new AssertionError("no '" + prefix + "' line within " + timeout + "; stdout: " + seen + "\nstderr:\n"
                + stderr());
    }

    public int waitForExit(Duration timeout) throws InterruptedException {
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .as("phone exited; stdout %s\nstderr:\n%s", seen, stderr()).isTrue();
        return process.exitValue();
    }

    public List<String> stdout() {
        return List.copyOf(seen);
    }

    public String stderr() {
        try {
            String s = Files.readString(errLog);
            return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
