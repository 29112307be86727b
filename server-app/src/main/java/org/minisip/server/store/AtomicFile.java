package org.minisip.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file's content atomically: a temp file in the same directory (mode 0600 on POSIX), written, renamed
 * over the target. A reader, or a restart after the process was killed ({@code kill -9}), sees the old content or
 * the new, never a mix. With {@code durable}, the temp file and the directory are also fsynced, so the same holds
 * after a power cut (at the price of waiting for the disk).
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    public static void write(Path file, byte[] data) throws IOException {
        write(file, data, true);
    }

    public static void write(Path file, byte[] data, boolean durable) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (durable) {
                    ch.force(true);
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            if (durable) {
                syncDirectory(dir);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Makes a rename or a new file in {@code dir} durable (no-op where directories cannot be opened). */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not supported on this platform: the rename itself is still atomic
        }
    }
}
