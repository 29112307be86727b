package org.minisip.phone.cli;

/** A command-line problem; the message is printed as one line and the phone exits with {@link ExitCode#USAGE}. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
