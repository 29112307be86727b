package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server goes away and comes back: our phone notices (registration-failed), retries with back-off and
 * registers again by itself, without being restarted.
 */
class RegistrationRecoveryIT {
    @TempDir
    Path tmp;

    @Test
    void phoneRegistersAgainAfterServerRestart() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String registrar = "registrar:\n  min-expires: 4\n  max-expires: 4\n";
        Path dir = Files.createDirectories(tmp.resolve("server"));
        TestServer first = TestServer.startOn(dir, 0, port, registrar);
        try (PhoneProcess phone = PhoneProcess.start(tmp.resolve("phone.log"), "--account",
                "sip:100@127.0.0.1:" + port + ";transport=tcp", "--password", "pw-100", "--register-only",
                "--duration", "60")) {
            assertThat(phone.await("registered ", Duration.ofSeconds(20))).contains("expires=4");
            first.close();
            phone.await("registration-failed ", Duration.ofSeconds(20));
            try (TestServer second = TestServer.startOn(dir, 0, port, registrar)) {
                phone.await("registered ", Duration.ofSeconds(40));
                assertThat(second.server.location().lookup("100")).hasSize(1);
            }
        }
    }
}
