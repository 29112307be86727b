package org.minisip.server.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minisip.server.desktop.DesktopUi.awaitEdt;
import static org.minisip.server.desktop.DesktopUi.onEdt;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.swing.JDialog;
import javax.swing.JTextArea;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.GenericTypeMatcher;
import org.assertj.swing.core.Robot;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.phone.config.DataDir;
import org.minisip.phone.ui.DesktopApp;
import org.minisip.server.TestServer;
import org.minisip.sip.stack.Transport;

/**
 * An account over TLS to our server, whose self-signed certificate the phone does not trust: registration fails, the
 * trust prompt shows the server certificate's SHA-256 fingerprint, and "Trust always" pins it so the phone registers
 * now and on the next start, without asking again.
 */
@Tag("interop")
@Tag("desktop")
class DesktopTlsTrustIT {
    @TempDir
    Path tmp;
    private TestServer server;
    private Robot robot;
    private DesktopApp app;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(null);
        robot = BasicRobot.robotWithNewAwtHierarchy();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        robot.cleanUp();
        server.close();
    }

    private DesktopApp startPhone(Path data) throws Exception {
        return DesktopApp.start(new DataDir(data), status -> { });
    }

    @Test
    void untrustedServerIsShownWithItsFingerprintAndTrustAlwaysPinsIt() throws Exception {
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(server.dataDir.resolve("tls/server.crt"))) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        String hex = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(cert.getEncoded()));
        Path data = tmp.resolve("phone");
        Files.createDirectories(data);
        Files.writeString(data.resolve("settings.json"), "{\"account\":{\"server\":\"127.0.0.1\",\"port\":"
                + server.port(Transport.TLS) + ",\"transport\":\"tls\",\"user\":\"100\",\"password\":\"pw-100\"},"
                + "\"language\":\"en\"}");
        app = startPhone(data);
        FrameFixture main = new FrameFixture(robot, app.mainWindow());

        DialogFixture prompt = WindowFinder.findDialog(new GenericTypeMatcher<JDialog>(JDialog.class, true) {
            @Override
            protected boolean isMatching(JDialog d) {
                return "Untrusted server certificate".equals(d.getTitle());
            }
        }).withTimeout(DesktopUi.TIMEOUT.toMillis()).using(robot);
        assertThat(onEdt(() -> main.label("statusLabel").target().getText())).startsWith("Registration failed");
        JTextArea fp = robot.finder().findByName(prompt.target(), "fingerprint", JTextArea.class, true);
        assertThat(onEdt(fp::getText).replace(":", "").replace("\n", "")).isEqualTo(hex);
        prompt.button(new GenericTypeMatcher<javax.swing.JButton>(javax.swing.JButton.class) {
            @Override
            protected boolean isMatching(javax.swing.JButton b) {
                return "Trust always".equals(b.getText());
            }
        }).click();
        awaitEdt("registered over TLS", () -> main.label("statusLabel").target().getText()
                .startsWith("Registered as 100@127.0.0.1"));
        assertThat(data.resolve("tls/pinned/" + hex.toLowerCase() + ".pem")).exists();

        app.close();
        app = startPhone(data);
        FrameFixture again = new FrameFixture(robot, app.mainWindow());
        awaitEdt("registered again without a prompt", () -> again.label("statusLabel").target().getText()
                .startsWith("Registered as 100@127.0.0.1"));
    }
}
