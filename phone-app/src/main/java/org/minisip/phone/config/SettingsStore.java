package org.minisip.phone.config;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads and saves {@link Settings} in {@code settings.json}. A missing file gives the defaults (first run); a
 * corrupt one is moved aside (see {@link JsonFiles#backUp}) and reported, and the defaults are used: it never
 * stops the phone. Blocking file I/O: call off the Swing thread.
 */
public final class SettingsStore {
    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    public Loaded<Settings> load() {
        return JsonFiles.load(file, b -> JsonFiles.MAPPER.readValue(b, Settings.class), Settings.defaults());
    }

    public void save(Settings s) throws IOException {
        JsonFiles.write(file, s);
    }

    public Path file() {
        return file;
    }
}
