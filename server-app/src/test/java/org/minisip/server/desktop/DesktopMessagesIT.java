package org.minisip.server.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minisip.server.desktop.DesktopUi.awaitEdt;
import static org.minisip.server.desktop.DesktopUi.onEdt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.JList;
import javax.swing.JTabbedPane;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.phone.config.DataDir;
import org.minisip.phone.ui.DesktopApp;
import org.minisip.server.PhoneProcess;
import org.minisip.server.TestServer;
import org.minisip.sip.stack.Transport;

/**
 * Instant messages in the desktop phone's "Messages" tab, in a real window: a message from headless 102 shows up in
 * 102's conversation and counts as unread on the tab until the tab is opened; a message typed to 103 (online)
 * reaches that phone and is marked delivered; one typed to 104 (offline) is marked stored by the server. The
 * conversations are in chats.json.
 */
@Tag("interop")
@Tag("desktop")
class DesktopMessagesIT {
    private static final Duration T = DesktopUi.TIMEOUT;
    @TempDir
    static Path tmp;
    private static TestServer server;
    private static Robot robot;
    private static DesktopApp app;
    private static FrameFixture main;
    private static Path data;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(null);
        robot = BasicRobot.robotWithNewAwtHierarchy();
        data = tmp.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("settings.json"), "{\"account\":{\"server\":\"127.0.0.1\",\"port\":"
                + server.port(Transport.UDP) + ",\"transport\":\"udp\",\"user\":\"100\",\"password\":\"pw-100\","
                + "\"displayName\":\"Alice\"},\"theme\":\"light\",\"language\":\"en\"}");
        app = DesktopApp.start(new DataDir(data), status -> { });
        main = new FrameFixture(robot, app.mainWindow());
        awaitEdt("registered", () -> main.label("statusLabel").target().getText().startsWith("Registered"));
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

    private static String[] account(String ext, String... more) {
        List<String> a = new ArrayList<>(List.of("--account", "sip:" + ext + "@127.0.0.1:"
                + server.port(Transport.UDP), "--password", "pw-" + ext));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static int chatTab() {
        JTabbedPane tabs = (JTabbedPane) main.tabbedPane("tabs").target();
        java.awt.Component panel = robot.finder().findByName(app.mainWindow(), "chatPanel", false);
        return onEdt(() -> tabs.indexOfComponent(panel));
    }

    private static List<String> transcript() {
        @SuppressWarnings("unchecked")
        JList<Object> list = (JList<Object>) main.list("chatTranscript").target();
        return onEdt(() -> {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < list.getModel().getSize(); i++) {
                JComponent c = (JComponent) list.getCellRenderer().getListCellRendererComponent(list,
                        list.getModel().getElementAt(i), i, false, false);
                out.add(((javax.swing.JLabel) c).getText());
            }
            return out;
        });
    }

    @Test
    void receiveAndSendMessages() throws Exception {
        JTabbedPane tabs = (JTabbedPane) main.tabbedPane("tabs").target();
        int chat = chatTab();
        assertThat(onEdt(() -> tabs.getTitleAt(chat))).isEqualTo("Messages");

        try (PhoneProcess bob = PhoneProcess.start(tmp.resolve("bob.log"), account("102", "--message-to", "100",
                "--message", "lunch at 12?"))) {
            assertThat(bob.await("message-", T)).isEqualTo("message-sent 200 OK");
        }
        awaitEdt("unread count on the tab", () -> tabs.getTitleAt(chat).equals("Messages (1)"));
        main.tabbedPane("tabs").selectTab(chat);
        awaitEdt("read once shown", () -> tabs.getTitleAt(chat).equals("Messages"));
        assertThat(main.comboBox("chatPeer").target().getEditor().getItem()).isEqualTo("102");
        assertThat(transcript()).singleElement().asString().startsWith("102 · ").endsWith(": lunch at 12?");

        try (PhoneProcess carol = PhoneProcess.start(tmp.resolve("carol.log"), account("103", "--register-only",
                "--duration", "60"))) {
            carol.await("registered ", T);
            main.comboBox("chatPeer").replaceText("103");
            main.textBox("chatInput").enterText("see you there");
            main.button("chatSend").click();
            assertThat(carol.await("message ", T)).matches("message sip:100@\\S+ see you there");
            awaitEdt("marked delivered", () -> transcript().size() == 1
                    && transcript().get(0).endsWith(": see you there (delivered)"));
        }

        main.comboBox("chatPeer").replaceText("104");
        main.textBox("chatInput").enterText("call me").pressAndReleaseKeys(java.awt.event.KeyEvent.VK_ENTER);
        awaitEdt("marked stored", () -> transcript().size() == 1 && transcript().get(0)
                .endsWith(": call me (stored by the server until they are online)"));

        awaitEdt("saved", () -> Files.exists(data.resolve("chats.json"))
                && Files.readString(data.resolve("chats.json")).contains("call me"));
        String saved = Files.readString(data.resolve("chats.json"));
        assertThat(saved).contains("lunch at 12?", "see you there", "\"delivered\"", "\"stored\"");
    }
}
