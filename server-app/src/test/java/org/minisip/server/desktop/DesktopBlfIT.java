package org.minisip.server.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minisip.server.desktop.DesktopUi.awaitEdt;
import static org.minisip.server.desktop.DesktopUi.onEdt;

import java.nio.file.Path;
import java.time.Duration;
import javax.swing.JLabel;
import javax.swing.JList;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.phone.config.DataDir;
import org.minisip.phone.ui.DesktopApp;
import org.minisip.server.PhoneProcess;
import org.minisip.server.RawSip;
import org.minisip.server.TestServer;
import org.minisip.sip.stack.Transport;

/**
 * The desktop phone's busy lamp field and message-waiting indicator in a real window: extension 101 added on the
 * "Watched" tab goes idle, ringing (102 calls it), busy (101 answers) and idle again; an unsolicited message-summary
 * NOTIFY from the server's address shows "2 new" in the status row. The list survives in watched.json.
 */
@Tag("interop")
@Tag("desktop")
class DesktopBlfIT {
    private static final Duration T = DesktopUi.TIMEOUT;
    @TempDir
    static Path tmp;
    private static TestServer server;
    private static Robot robot;
    private static DesktopApp app;
    private static FrameFixture main;
    private static Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(null);
        robot = BasicRobot.robotWithNewAwtHierarchy();
        robot.settings().delayBetweenEvents(20);
        dataDir = tmp.resolve("phone-data");
        app = DesktopApp.start(new DataDir(dataDir), status -> { });
        main = new FrameFixture(robot, app.mainWindow());
        DialogFixture d = WindowFinder.findDialog("accountDialog").withTimeout(T.toMillis()).using(robot);
        d.textBox("server").enterText("127.0.0.1");
        d.textBox("port").deleteText().enterText(Integer.toString(server.port(Transport.UDP)));
        d.textBox("user").enterText("100");
        d.textBox("password").enterText("pw-100");
        d.button("saveAccount").click();
        awaitEdt("status says registered", () -> main.label("statusLabel").target().getText()
                .startsWith("Registered as 100@127.0.0.1"));
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

    private static String[] headless(String ext, String... more) {
        String[] base = {"--account", "sip:" + ext + "@127.0.0.1:" + server.port(Transport.UDP), "--password",
            "pw-" + ext};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @SuppressWarnings("unchecked")
    private static String row(int i) {
        JList<Object> list = (JList<Object>) main.list("watchList").target();
        return onEdt(() -> list.getModel().getSize() > i ? String.valueOf(list.getModel().getElementAt(i)) : "");
    }

    @Test
    void watchedExtensionRingsThenIsBusyThenIdleAndMessagesWaitingShows() throws Exception {
        main.tabbedPane("tabs").selectTab("Watched");
        main.textBox("watchInput").enterText("101");
        main.button("watchAdd").click();
        awaitEdt("101 idle", () -> row(0).equals("Row[extension=101, state=IDLE]"));
        try (PhoneProcess callee = PhoneProcess.start(tmp.resolve("callee.log"), headless("101", "--auto-answer",
                "--answer-after", "3", "--duration", "3"))) {
            callee.await("registered ", T);
            try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("caller.log"), headless("102", "--call",
                    "101"))) {
                awaitEdt("101 ringing", () -> row(0).equals("Row[extension=101, state=RINGING]"));
                callee.await("answered ", T);
                awaitEdt("101 busy", () -> row(0).equals("Row[extension=101, state=BUSY]"));
                caller.await("ended ", T);
            }
        }
        awaitEdt("101 idle again", () -> row(0).equals("Row[extension=101, state=IDLE]"));
        assertThat(dataDir.resolve("watched.json")).content().contains("\"101\"");

        int phonePort = server.server.location().lookup("100").get(0).sourcePort();
        try (RawSip pbx = new RawSip(phonePort, "127.0.0.1")) {
            String body = "Messages-Waiting: yes\r\nVoice-Message: 2/8 (0/2)\r\n";
            String branch = "z9hG4bK" + java.util.UUID.randomUUID().toString().replace("-", "");
            pbx.send("NOTIFY sip:100@127.0.0.1:" + phonePort + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + pbx.localPort() + ";branch=" + branch + "\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:100@127.0.0.1>;tag=a1\r\nTo: <sip:100@127.0.0.1>\r\n"
                    + "Call-ID: " + branch + "\r\nCSeq: 1 NOTIFY\r\nContact: <sip:pbx@127.0.0.1:" + pbx.localPort()
                    + ">\r\nEvent: message-summary\r\nSubscription-State: active\r\n"
                    + "Content-Type: application/simple-message-summary\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body);
            assertThat(pbx.finalResponse(10_000)).hasValueSatisfying(r -> assertThat(RawSip.status(r)).isEqualTo(200));
        }
        JLabel mwi = robot.finder().findByName(main.target(), "mwiIndicator", JLabel.class, false);
        awaitEdt("message-waiting indicator", () -> mwi.isShowing() && mwi.getText().equals("2 new"));
    }
}
