package org.minisip.phone.config;

import java.nio.file.Path;

/**
 * A value read from a file, and what went wrong if it could not be read: then {@code value} is the default and
 * {@code problem} says why, with {@code backup} naming where the unreadable file was moved (null if it could not
 * be moved).
 */
public record Loaded<T>(T value, String problem, Path backup) {

    public static <T> Loaded<T> ok(T value) {
        return new Loaded<>(value, null, null);
    }

    public boolean failed() {
        return problem != null;
    }
}
