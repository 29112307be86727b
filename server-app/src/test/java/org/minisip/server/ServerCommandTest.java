package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServerCommandTest {
    @Test
    void badConfigStopsStartupWithOneLineNamingFileKeyAndProblem(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("server.yaml");
        Files.writeString(cfg, "sip:\n  tls-prot: 5061\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = new CommandLine(new ServerCommand()).execute("--data-dir", dir.toString());
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(2);
        String out = err.toString(StandardCharsets.UTF_8);
        assertThat(out.lines().toList()).hasSize(1);
        assertThat(out).startsWith("minisipserver: " + cfg + ": sip.tls-prot: unknown key");
    }

    @Test
    void versionAndHelp() {
        assertThat(new CommandLine(new ServerCommand()).execute("--version")).isZero();
        assertThat(new CommandLine(new ServerCommand()).execute("--help")).isZero();
    }
}
