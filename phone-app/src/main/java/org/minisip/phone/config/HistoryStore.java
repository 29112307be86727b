package org.minisip.phone.config;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call history in {@code history.json}, newest first, at most {@link #MAX_ENTRIES}. A corrupt file is moved
 * aside and reported like the settings. Blocking file I/O: call off the Swing thread.
 */
public final class HistoryStore {
    public static final int MAX_ENTRIES = 500;
    private static final Logger LOG = LoggerFactory.getLogger(HistoryStore.class);
    private final Path file;

    public HistoryStore(Path file) {
        this.file = file;
    }

    public Loaded<List<HistoryEntry>> load() {
        try {
            List<HistoryEntry> list = JsonFiles.MAPPER.readValue(Files.readAllBytes(file), new TypeReference<>() { });
            return Loaded.ok(list == null ? List.of() : List.copyOf(list));
        } catch (NoSuchFileException e) {
            return Loaded.ok(List.of());
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            LOG.warn("cannot read {}: {}", file, why);
            Path backup = null;
            try {
                backup = JsonFiles.backUp(file);
            } catch (IOException moveFailed) {
                LOG.warn("cannot move {} aside: {}", file, moveFailed.toString());
            }
            return new Loaded<>(List.of(), why, backup);
        }
    }

    /** Writes {@code entries} (newest first), keeping the newest {@link #MAX_ENTRIES}. */
    public void save(List<HistoryEntry> entries) throws IOException {
        List<HistoryEntry> keep = new ArrayList<>(entries.subList(0, Math.min(entries.size(), MAX_ENTRIES)));
        JsonFiles.write(file, keep);
    }
}
