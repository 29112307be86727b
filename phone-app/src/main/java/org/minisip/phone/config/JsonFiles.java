package org.minisip.phone.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Reads and writes the phone's JSON files. Writes go to a temporary file that replaces the target atomically, so a
 * crash never leaves half a file; files are private to the user ({@code rw-------}) where POSIX permissions exist,
 * since settings hold the SIP password. A file that cannot be parsed is moved aside, never overwritten.
 */
final class JsonFiles {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JsonFiles.class);
    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private JsonFiles() {
    }

    static void write(Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, MAPPER.writeValueAsBytes(value));
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the user profile is private already
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Turns a file's bytes into its value (null allowed: the caller maps it). */
    @FunctionalInterface
    interface Parser<T> {
        T parse(byte[] bytes) throws IOException;
    }

    /**
     * Reads {@code file} with {@code parser}: a missing file gives {@code empty}; one that cannot be read or parsed
     * is logged, moved aside ({@link #backUp}) and gives {@code empty} with the problem and the backup's path.
     */
    static <T> Loaded<T> load(Path file, Parser<T> parser, T empty) {
        try {
            T value = parser.parse(Files.readAllBytes(file));
            return Loaded.ok(value == null ? empty : value);
        } catch (NoSuchFileException e) {
            return Loaded.ok(empty);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            LOG.warn("cannot read {}: {}", file, why);
            Path backup = null;
            try {
                backup = backUp(file);
            } catch (IOException moveFailed) {
                LOG.warn("cannot move {} aside: {}", file, moveFailed.toString());
            }
            return new Loaded<>(empty, why, backup);
        }
    }

    /** Moves an unreadable file to {@code NAME.corrupt-yyyyMMdd-HHmmss} and returns the new path. */
    static Path backUp(Path file) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path backup = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp);
        int n = 1;
        while (Files.exists(backup)) {
            backup = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp + "-" + n++);
        }
        return Files.move(file, backup);
    }
}
