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
        Path dir = Files.createTempDirectory("minisip-server-it");
        StringBuilder y = new StringBuilder("sip:\n  bind: 127.0.0.1\n");
        y.append(extraYaml == null ? "" : extraYaml);
        y.append("extensions:\n");
        for (int n = 100; n <= 104; n++) {
            y.append("  - {number: \"").append(n).append("\", password: \"pw-").append(n)
             .append("\", display-name: \"Ext ").append(n).append("\"}\n");
        }
        Files.writeString(dir.resolve("server.yaml"), y.toString());
        ServerConfig cfg = new ConfigLoader().load(dir.resolve("server.yaml"));
        return new TestServer(dir, PbxServer.start(cfg, dir, true));
    }

    public int port(Transport t) {
        return server.port(t);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
