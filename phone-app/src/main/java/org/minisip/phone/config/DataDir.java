package org.minisip.phone.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The phone's data directory: {@code --data-dir}, else the system property {@code minisipphone.dataDir}, else
 * {@code $HOME/.minisipphone}. Layout: {@code settings.json}, {@code history.json}, {@code tls/pinned/*.pem}
 * (certificates the user chose to trust always), {@code tls/ca/*.pem} (CA files the user loaded).
 */
public record DataDir(Path root) {

    public static final String PROPERTY = "minisipphone.dataDir";

    /** Resolves the directory from the option (may be null) and the system property. Does not create it. */
    public static DataDir resolve(Path option) {
        if (option != null) {
            return new DataDir(option.toAbsolutePath());
        }
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return new DataDir(Path.of(prop).toAbsolutePath());
        }
        return new DataDir(Path.of(System.getProperty("user.home"), ".minisipphone"));
    }

    /** Creates the directory (and parents) if needed. */
    public DataDir create() throws IOException {
        Files.createDirectories(root);
        return this;
    }

    public Path settings() {
        return root.resolve("settings.json");
    }

    public Path history() {
        return root.resolve("history.json");
    }

    public Path pinnedCerts() {
        return root.resolve("tls").resolve("pinned");
    }

    public Path caFiles() {
        return root.resolve("tls").resolve("ca");
    }
}
