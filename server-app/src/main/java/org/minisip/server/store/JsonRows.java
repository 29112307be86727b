package org.minisip.server.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state files' format: a JSON array of flat string-to-string objects (one per registration, ban, stored
 * message), pretty-printed. Reading is forgiving: a file that cannot be parsed, or a row its owner rejects, is
 * logged; a damaged file is moved aside as {@code <name>.corrupt-<epoch ms>} (kept for the operator, never
 * overwritten by the next save) and reading goes on as if it were empty.
 */
public final class JsonRows {
    private static final Logger LOG = LoggerFactory.getLogger(JsonRows.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonRows() {
    }

    /** Hands each row of {@code file} to {@code row}; returns how many it took; 0 when the file is missing. */
    public static int read(Path file, Consumer<Map<String, String>> row) {
        if (file == null || !Files.exists(file)) {
            return 0;
        }
        int n = 0;
        try {
            List<Map<String, String>> rows = JSON.readValue(file.toFile(), new TypeReference<>() { });
            for (Map<String, String> r : rows) {
                row.accept(r);
                n++;
            }
            return n;
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
            LOG.error("ignoring unreadable {} ({}), moved to {}", file, e.toString(), aside.getFileName());
            try {
                Files.move(file, aside);
            } catch (IOException moveFailed) {
                LOG.error("cannot move {} aside: {}", file, moveFailed.toString());
            }
            return n;
        }
    }

    /** The bytes of {@code rows} as written to a state file. */
    public static byte[] bytes(List<Map<String, String>> rows) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(rows);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
