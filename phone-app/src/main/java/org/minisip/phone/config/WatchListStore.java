package org.minisip.phone.config;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extensions the desktop phone watches (busy lamp field), in {@code watched.json} in the data directory, in
 * the order the user added them. A corrupt file is moved aside and an empty list used. Blocking file I/O: call off
 * the Swing thread.
 */
public final class WatchListStore {
    public static final String FILE = "watched.json";
    private static final Logger LOG = LoggerFactory.getLogger(WatchListStore.class);
    private final Path file;

    public WatchListStore(Path file) {
        this.file = file;
    }

    public Loaded<List<String>> load() {
        try {
            List<String> list = JsonFiles.MAPPER.readValue(Files.readAllBytes(file), new TypeReference<>() { });
            return Loaded.ok(list == null ? List.of() : list.stream().filter(s -> s != null && !s.isBlank())
                    .distinct().toList());
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

    public void save(List<String> extensions) throws IOException {
        JsonFiles.write(file, List.copyOf(extensions));
    }
}
