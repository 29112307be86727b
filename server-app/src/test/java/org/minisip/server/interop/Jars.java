package org.minisip.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locations of the runnable jars built by this reactor (failsafe runs after {@code package}). */
final class Jars {
    private Jars() {
    }

    static Path server() {
        return existing(System.getProperty("minisip.serverJar", "target/minisipserver.jar"));
    }

    static Path phone() {
        return existing(System.getProperty("minisip.phoneJar", "../phone-app/target/minisipphone.jar"));
    }

    private static Path existing(String p) {
        Path path = Path.of(p).toAbsolutePath().normalize();
        assertThat(Files.isRegularFile(path)).as("%s exists (run mvn verify, which packages first)", path).isTrue();
        return path;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
