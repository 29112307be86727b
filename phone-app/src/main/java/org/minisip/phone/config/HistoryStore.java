package org.minisip.phone.config;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The call history in {@code history.json}, newest first, at most {@link #MAX_ENTRIES}. A corrupt file is moved
 * aside and reported like the settings. Blocking file I/O: call off the Swing thread.
 */
public final class HistoryStore {
    public static final int MAX_ENTRIES = 500;
    private final Path file;

    public HistoryStore(Path file) {
        this.file = file;
    }

    public Loaded<List<HistoryEntry>> load() {
        return JsonFiles.load(file, b -> {
            List<HistoryEntry> list = JsonFiles.MAPPER.readValue(b, new TypeReference<>() { });
            return list == null ? null : List.copyOf(list);
        }, List.of());
    }

    /** Writes {@code entries} (newest first), keeping the newest {@link #MAX_ENTRIES}. */
    public void save(List<HistoryEntry> entries) throws IOException {
        List<HistoryEntry> keep = new ArrayList<>(entries.subList(0, Math.min(entries.size(), MAX_ENTRIES)));
        JsonFiles.write(file, keep);
    }
}
