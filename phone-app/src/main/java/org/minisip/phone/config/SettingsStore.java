package org.minisip.phone.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and saves {@link Settings} in {@code settings.json}. A missing file gives the defaults (first run); a
 * corrupt one is moved aside (see {@link JsonFiles#backUp}) and reported, and the defaults are used: it never
 * stops the phone. Blocking file I/O: call off the Swing thread.
 */
public final class SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    public Loaded<Settings> load() {
        try {
            Settings s = JsonFiles.MAPPER.readValue(Files.readAllBytes(file), Settings.class);
            return Loaded.ok(s == null ? Settings.defaults() : s);
        } catch (NoSuchFileException e) {
            return Loaded.ok(Settings.defaults());
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            LOG.warn("cannot read {}: {}", file, why);
            Path backup = null;
            try {
                backup = JsonFiles.backUp(file);
            } catch (IOException moveFailed) {
                LOG.warn("cannot move {} aside: {}", file, moveFailed.toString());
            }
            return new Loaded<>(Settings.defaults(), why, backup);
        }
    }

    public void save(Settings s) throws IOException {
        JsonFiles.write(file, s);
    }

    public Path file() {
        return file;
    }
}
