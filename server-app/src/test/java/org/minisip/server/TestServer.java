package org.minisip.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.minisip.server.config.ConfigLoader;
import org.minisip.server.config.ServerConfig;
import org.minisip.sip.stack.Transport;

/**
 * A PBX on 127.0.0.1 with OS-chosen ports and a temp data dir, for integration tests. Extensions 100-104 with
 * password "pw-&lt;number&gt;".
 */
public final class TestServer implements AutoCloseable {
    public final Path dataDir;
    public final PbxServer server;

    private TestServer(Path dataDir, PbxServer server) {
        this.dataDir = dataDir;
        this.server = server;
    }

    public static TestServer start(String extraYaml) throws Exception {
        return start(extraYaml, java.util.Map.of());
    }

    /**
     * Like {@link #start(String)}, with extra flow-mapping entries per extension, e.g.
     * {@code Map.of("102", "forward: {unconditional: \"103\"}")}.
     */
    public static TestServer start(String extraYaml, java.util.Map<String, String> extensionExtras) throws Exception {
        return start(Files.createTempDirectory("minisip-server-it"), "sip:\n  bind: 127.0.0.1\n", extraYaml, true,
                extensionExtras);
    }

    /** A server on OS-chosen ports bound to {@code bind} (e.g. {@code "::1"}). */
    public static TestServer startBound(String bind) throws Exception {
        return start(Files.createTempDirectory("minisip-server-it"), "sip:\n  bind: \"" + bind + "\"\n", null, true,
                java.util.Map.of());
    }

    /**
     * A server on fixed ports (so a restarted one is found where the phones expect it); 0 disables a port. The
     * call-back service is off unless {@code extraYaml} configures it (its fixed default 5080 would collide).
     */
    public static TestServer startOn(Path dir, int udp, int tcp, String extraYaml) throws Exception {
        String noCallback = extraYaml != null && extraYaml.contains("callback:") ? "" : "callback:\n  port: 0\n";
        return start(dir, "sip:\n  bind: 127.0.0.1\n  udp-port: " + udp + "\n  tcp-port: " + tcp
                + "\n  tls-port: 0\n" + noCallback, extraYaml, false, java.util.Map.of());
    }

    private static TestServer start(Path dir, String sip, String extraYaml, boolean anyPorts,
                                    java.util.Map<String, String> extensionExtras) throws Exception {
        StringBuilder y = new StringBuilder(sip);
        y.append(extraYaml == null ? "" : extraYaml);
        y.append("extensions:\n");
        for (int n = 100; n <= 104; n++) {
            y.append("  - {number: \"").append(n).append("\", password: \"pw-").append(n)
             .append("\", display-name: \"Ext ").append(n).append("\"");
            String more = extensionExtras.get(String.valueOf(n));
            if (more != null) {
                y.append(", ").append(more);
            }
            y.append("}\n");
        }
        Files.writeString(dir.resolve("server.yaml"), y.toString());
        ServerConfig cfg = new ConfigLoader().load(dir.resolve("server.yaml"));
        return new TestServer(dir, PbxServer.start(cfg, dir, anyPorts));
    }

    /** The CDR files' rows so far, joined. */
    public String cdrRows() throws IOException {
        Path dir = dataDir.resolve("cdr");
        if (!Files.isDirectory(dir)) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                b.append(Files.readString(p));
            }
        }
        return b.toString();
    }

    public int port(Transport t) {
        return server.port(t);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
