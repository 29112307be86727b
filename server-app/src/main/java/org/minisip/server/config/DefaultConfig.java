package org.minisip.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the first-start {@code server.yaml}: extensions 100-104, each with a random password, so a fresh server
 * is usable at once and never ships a guessable default.
 */
public final class DefaultConfig {
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private final SecureRandom random;

    public DefaultConfig(SecureRandom random) {
        this.random = random;
    }

    /** Writes the file atomically (temp + rename, mode 0600 where POSIX) and returns number → password. */
    public Map<String, String> write(Path file) throws IOException {
        Map<String, String> passwords = new LinkedHashMap<>();
        StringBuilder y = new StringBuilder();
        y.append("# minisip server configuration, written on first start. See README.md for every key.\n");
        y.append("sip:\n  # bind: \"::\"     # default: every IPv6 and IPv4 address (0.0.0.0 when the host has no IPv6);\n")
         .append("  #                   0.0.0.0 = IPv4 only, or one specific address\n")
         .append("  udp-port: 5060\n  tcp-port: 5060\n  tls-port: 5061\n");
        y.append("registrar:\n  min-expires: 60\n  max-expires: 3600\n  default-expires: 600\n");
        y.append("calls:\n  no-answer-seconds: 60\n");
        y.append("extensions:\n");
        for (int n = 100; n <= 104; n++) {
            String pw = password(16);
            passwords.put(Integer.toString(n), pw);
            y.append("  - number: \"").append(n).append("\"\n")
             .append("    password: \"").append(pw).append("\"\n")
             .append("    display-name: \"Extension ").append(n).append("\"\n");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, y.toString());
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system (Windows): the data dir's ACL applies
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return passwords;
    }

    private String password(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
