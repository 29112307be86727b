package org.minisip.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Our server, started from its jar inside a test namespace with a data dir written by the test. */
final class ServerProcess {
    private ServerProcess() {
    }

    /** Writes server.yaml (extensions 100-104, password pw-N) and starts the server; returns when it listens. */
    static Process start(Netns ns, Path dir, String bind) throws IOException, InterruptedException {
        return start(ns, dir, bind, "");
    }

    /** The same with more top-level YAML (e.g. {@code trunks:}) appended to server.yaml. */
    static Process start(Netns ns, Path dir, String bind, String extraYaml) throws IOException, InterruptedException {
        StringBuilder y = new StringBuilder("sip:\n  bind: " + bind + "\n  udp-port: 5060\n  tcp-port: 5060\n"
                + "  tls-port: 5061\ncalls:\n  no-answer-seconds: 20\nextensions:\n");
        for (int n = 100; n <= 104; n++) {
            y.append("  - {number: \"").append(n).append("\", password: \"pw-").append(n).append("\"}\n");
        }
        y.append(extraYaml);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("server.yaml"), y.toString());
        Path log = dir.resolve("server.log");
        Process p = ns.start(log, dir, Jars.java(), "-jar", Jars.server().toString(), "--data-dir", dir.toString());
        waitForLine(log, "minisipserver listening", Duration.ofSeconds(90), p);   // generous: CI machines are shared
        return p;
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void waitForLine(Path log, String text, Duration timeout, Process p)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("'" + text + "' not seen in " + log + ":\n"
                + (Files.exists(log) ? Files.readString(log) : "(no log)"));
    }
}
