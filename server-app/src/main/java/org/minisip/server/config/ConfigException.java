package org.minisip.server.config;

/** A configuration problem, with a message of the form {@code <file>: <key>: <problem>} fit for one line. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
