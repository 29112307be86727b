package org.minisip.server.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.server.TestServer;
import org.minisip.sip.stack.Transport;

/**
 * A trunk with {@code transport: tcp}: the server registers over TCP to SIPp (registrar on 127.0.0.5, one TCP
 * connection), answering the 401, and its Contact says {@code transport=tcp}.
 */
class TrunkTcpIT {
    @TempDir
    Path tmp;

    @Test
    void registersOverTcp() throws Exception {
        int port = Sipp.freePort("127.0.0.5");
        try (Sipp sipp = new Sipp(tmp)) {
            Process reg = sipp.start("tcpreg", "-sf", "registrar_same.xml", "-t", "t1", "-i", "127.0.0.5", "-p",
                    Integer.toString(port), "-m", "1", "-trace_msg", "-message_file",
                    tmp.resolve("tcpreg.msg").toString(), "-timeout", "40s");
            try (TestServer server = TestServer.start("""
                    trunks:
                      - {name: tcp, registrar: "127.0.0.5:%d", transport: tcp, username: "8801", password: "s3cret"}
                    """.formatted(port))) {
                assertThat(server.port(Transport.TCP)).isPositive();
                sipp.assertExit(reg, "tcpreg", 0, sipp.read("tcpreg.msg"));
                assertThat(sipp.read("tcpreg.msg")).contains("REGISTER sip:127.0.0.5:" + port + " SIP/2.0")
                        .contains("Via: SIP/2.0/TCP").contains(";transport=tcp>");
            }
        }
    }
}
