package org.minisip.server.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minisip.server.desktop.DesktopUi.awaitEdt;
import static org.minisip.server.desktop.DesktopUi.onEdt;

import java.awt.Image;
import java.awt.Rectangle;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.awt.image.MultiResolutionImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import javax.imageio.ImageIO;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.phone.ui.DesktopApp;
import org.minisip.server.PhoneProcess;
import org.minisip.server.TestServer;
import org.minisip.sip.stack.Transport;

/**
 * Screenshots of the desktop phone (main window registered with some history, incoming call, call in progress) at the
 * UI scale this JVM runs with: failsafe runs it once at scale 1 and once with {@code -Dsun.java2d.uiScale=2}. The
 * PNGs are written in device pixels to {@code <build dir>/screenshots/<window>-<scale>x.png}, and the window sizes to
 * {@code sizes-<scale>x.txt}. At scale 2 every window must be about twice as large in device pixels as its layout
 * size (a layout that ignored the scale would not be). With {@code -Dminisip.screenshotLanguage=zh_CN} (failsafe's
 * {@code desktop-zh} run) the phone is set to Simplified Chinese, the file names get a {@code -zh_CN} suffix, and the
 * test first checks that the window's font can draw the Chinese labels (else the screenshots would show boxes:
 * install a CJK font such as Debian's {@code fonts-wqy-microhei}).
 */
@Tag("interop")
@Tag("desktop")
class DesktopScreenshotIT {
    @TempDir
    static Path tmp;
    private static TestServer server;
    private static Robot robot;
    private static DesktopApp app;
    private static final String SCALE = System.getProperty("minisip.uiScale", "1");
    private static final String LANGUAGE = System.getProperty("minisip.screenshotLanguage", "en");
    private static final String SUFFIX = LANGUAGE.equals("en") ? "" : "-" + LANGUAGE;
    /** The status line's text up to the account, in the phone's language ("Registered as "). */
    private static final String REGISTERED = ResourceBundle.getBundle("org.minisip.phone.ui.messages",
            Locale.forLanguageTag(LANGUAGE.replace('_', '-'))).getString("status.registered").replaceAll("\\{0}.*", "");
    private static final Path OUT = Path.of(System.getProperty("minisip.screenshotDir", "target/screenshots"));
    private final List<String> sizes = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(null);
        robot = BasicRobot.robotWithNewAwtHierarchy();
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("settings.json"), "{\"account\":{\"server\":\"127.0.0.1\",\"port\":"
                + server.port(Transport.UDP) + ",\"transport\":\"udp\",\"user\":\"100\",\"password\":\"pw-100\","
                + "\"displayName\":\"Alice\"},\"theme\":\"light\",\"language\":\"" + LANGUAGE + "\"}");
        Instant now = Instant.now();
        Files.writeString(data.resolve("history.json"), "["
                + entry(now.minusSeconds(600), "MISSED", "104", 0, "cancelled") + ","
                + entry(now.minusSeconds(3600), "OUTGOING", "sip:conference@pbx.example.com", 754, "answered") + ","
                + entry(now.minusSeconds(7200), "INCOMING", "102", 95, "answered") + ","
                + entry(now.minusSeconds(86400), "OUTGOING", "+861012345678", 0, "486 Busy Here") + "]");
        Files.createDirectories(OUT);
        app = DesktopApp.start(new org.minisip.phone.config.DataDir(data), status -> { });
    }

    private static String entry(Instant at, String dir, String peer, long secs, String result) {
        return "{\"start\":\"" + at + "\",\"direction\":\"" + dir + "\",\"peer\":\"" + peer + "\",\"durationSeconds\":"
                + secs + ",\"result\":\"" + result + "\"}";
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (robot != null) {
            robot.cleanUp();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void windowsAtThisScale() throws Exception {
        FrameFixture main = new FrameFixture(robot, app.mainWindow());
        awaitEdt("registered", () -> main.label("statusLabel").target().getText().startsWith(REGISTERED));
        String status = onEdt(() -> main.label("statusLabel").target().getText());
        java.awt.Font font = onEdt(() -> main.label("statusLabel").target().getFont());
        assertThat(font.canDisplayUpTo(status)).as("font %s cannot draw \"%s\": install a font for %s", font, status,
                LANGUAGE).isEqualTo(-1);
        main.tabbedPane("tabs").selectTab(1);
        awaitEdt("history shown", () -> main.table("historyTable").target().getRowCount() == 4);
        shoot(main.target(), "main-history");
        main.tabbedPane("tabs").selectTab(0);
        shoot(main.target(), "main-keypad");

        String udp = Integer.toString(server.port(Transport.UDP));
        try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("caller.log"), "--account",
                "sip:102@127.0.0.1:" + udp, "--password", "pw-102", "--call", "100", "--duration", "30")) {
            FrameFixture incoming = DesktopUi.frame(robot, "incomingWindow", "");
            shoot(incoming.target(), "incoming");
            incoming.button("answerButton").click();
            caller.await("answered ", DesktopUi.TIMEOUT);
            FrameFixture call = DesktopUi.frame(robot, "callWindow", "102");
            awaitEdt("timer running", () -> call.label("callTimer").target().getText().matches("0:0[1-9]"));
            shoot(call.target(), "call");
            call.button("hangupButton").click();
            caller.await("ended remote-hangup", DesktopUi.TIMEOUT);
        }
        Files.write(OUT.resolve("sizes-" + SCALE + "x" + SUFFIX + ".txt"), sizes);
    }

    /** Captures the window in device pixels and checks that its device size is the layout size times the scale. */
    private void shoot(Window w, String name) throws Exception {
        robot.waitForIdle();
        Rectangle bounds = onEdt(w::getBounds);
        double scale = onEdt(() -> w.getGraphicsConfiguration().getDefaultTransform().getScaleX());
        assertThat(scale).isEqualTo(Double.parseDouble(SCALE));
        MultiResolutionImage m = new java.awt.Robot().createMultiResolutionScreenCapture(bounds);
        Image shot = m.getResolutionVariants().stream().max(java.util.Comparator.comparingInt(i -> i.getWidth(null)))
                .orElseThrow();
        BufferedImage img = new BufferedImage(shot.getWidth(null), shot.getHeight(null), BufferedImage.TYPE_INT_RGB);
        img.getGraphics().drawImage(shot, 0, 0, null);
        assertThat(img.getWidth()).isEqualTo((int) Math.round(bounds.width * scale));
        Path file = OUT.resolve(name + "-" + SCALE + "x" + SUFFIX + ".png");
        ImageIO.write(img, "png", file.toFile());
        sizes.add(name + " layout " + bounds.width + "x" + bounds.height + " device " + img.getWidth() + "x"
                + img.getHeight());
    }
}
