package org.minisip.phone.config;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The extensions the desktop phone watches (busy lamp field), in {@code watched.json} in the data directory, in
 * the order the user added them. A corrupt file is moved aside and an empty list used. Blocking file I/O: call off
 * the Swing thread.
 */
public final class WatchListStore {
    public static final String FILE = "watched.json";
    private final Path file;

    public WatchListStore(Path file) {
        this.file = file;
    }

    public Loaded<List<String>> load() {
        return JsonFiles.load(file, b -> {
            List<String> list = JsonFiles.MAPPER.readValue(b, new TypeReference<>() { });
            return list == null ? null : list.stream().filter(s -> s != null && !s.isBlank()).distinct().toList();
        }, List.of());
    }

    public void save(List<String> extensions) throws IOException {
        JsonFiles.write(file, List.copyOf(extensions));
    }
}
