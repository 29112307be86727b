package org.minisip.server.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minisip.server.desktop.DesktopUi.awaitEdt;
import static org.minisip.server.desktop.DesktopUi.onEdt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.swing.JLabel;
import javax.swing.JTable;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.phone.config.DataDir;
import org.minisip.phone.ui.DesktopApp;
import org.minisip.server.PhoneProcess;
import org.minisip.server.TestServer;
import org.minisip.sip.stack.Transport;

/**
 * The desktop phone in a real window (private Xvfb, see src/test/xvfb), driven like a user with AssertJ Swing against
 * our server on 127.0.0.1 and headless phones: first-run account set-up with validation, "registered" shown, a call
 * to an auto-answering phone with a running timer and hang-up, incoming calls answered and missed, and the history
 * (on screen and persisted). The tests build on each other, in order.
 */
@Tag("interop")
@Tag("desktop")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopPhoneIT {
    private static final Duration T = DesktopUi.TIMEOUT;
    @TempDir
    static Path tmp;
    private static TestServer server;
    private static Robot robot;
    private static DesktopApp app;
    private static FrameFixture main;
    private static Path dataDir;
    private static final FakeSoundDevices sound = new FakeSoundDevices("Test Headset", "Built-in Audio");

    @BeforeAll
    static void start() throws Exception {
        // 104 forwards every call to 101 (the server then sends 181 with Call-Info purpose=forwarding)
        server = TestServer.start(null, java.util.Map.of("104", "forward: {unconditional: \"101\"}"));
        robot = BasicRobot.robotWithNewAwtHierarchy();
        robot.settings().delayBetweenEvents(20);
        dataDir = tmp.resolve("phone-data");
        // no account yet (first run), but a chosen headset that the device test unplugs mid-call
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("settings.json"),
                "{\"audio\": {\"microphone\": \"Test Headset\", \"speaker\": \"Test Headset\"}}");
        app = DesktopApp.start(new DataDir(dataDir), status -> { }, sound);
        main = new FrameFixture(robot, app.mainWindow());
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

    private static String status() {
        return onEdt(() -> main.label("statusLabel").target().getText());
    }

    @Test
    @Order(1)
    void firstRunAccountSetupValidatesThenRegisters() {
        DialogFixture d = WindowFinder.findDialog("accountDialog").withTimeout(T.toMillis()).using(robot);
        d.button("saveAccount").click();
        d.label("error-server").requireVisible();
        d.label("error-user").requireVisible();
        d.label("error-password").requireVisible();
        d.textBox("server").enterText("127.0.0.1");
        d.textBox("port").deleteText().enterText("99999");
        d.textBox("user").enterText("100");
        d.textBox("password").enterText("pw-100");
        d.button("saveAccount").click();
        d.label("error-port").requireVisible();
        JLabel serverError = robot.finder().findByName(d.target(), "error-server", JLabel.class, false);
        assertThat(onEdt(serverError::isVisible)).as("the fixed server field is no longer marked").isFalse();
        d.textBox("port").deleteText().enterText(Integer.toString(server.port(Transport.UDP)));
        d.button("saveAccount").click();
        awaitEdt("registered shown", () -> !d.target().isShowing());
        awaitEdt("status says registered", () -> main.label("statusLabel").target().getText()
                .startsWith("Registered as 100@127.0.0.1"));
        assertThat(dataDir.resolve("settings.json")).content().contains("\"user\" : \"100\"");
    }

    @Test
    @Order(2)
    void callToAnAutoAnsweringPhoneShowsTheTimerHangsUpAndIsInTheHistory() throws Exception {
        try (PhoneProcess callee = PhoneProcess.start(tmp.resolve("callee101.log"), headless("101", "--auto-answer"))) {
            callee.await("registered ", T);
            // typed like a user; Enter in the number field places the call
            main.textBox("numberField").click();
            main.textBox("numberField").enterText("101\n");
            FrameFixture call = DesktopUi.frame(robot, "callWindow", "101");
            callee.await("answered ", T);
            JLabel timer = callTimer(call);
            awaitEdt("timer visible", timer::isShowing);
            String first = onEdt(timer::getText);
            assertThat(first).matches("0:0\\d");
            awaitEdt("timer advances", () -> !timer.getText().equals(first));
            assertThat(onEdt(() -> call.label("srtpIndicator").target().getText())).contains("PCMU");
            call.toggleButton("holdButton").click();
            callee.await("hold", T); // the callee sees our re-INVITE with a=sendonly
            awaitEdt("shown on hold", () -> call.label("callState").target().getText().equals("On hold"));
            call.toggleButton("holdButton").click();
            callee.await("resumed", T);
            awaitEdt("shown connected", () -> call.label("callState").target().getText().equals("Connected"));
            call.toggleButton("keypadButton").click();
            call.button("key-5").click();
            callee.await("dtmf 5", T);
            call.button("hangupButton").click();
            callee.await("ended remote-hangup", T);
            assertThat(callee.waitForExit(T)).isZero();
            awaitEdt("call window says ended", () -> call.button("hangupButton").target().getText().equals("Close"));
            awaitEdt("ended call window closes by itself", () -> !call.target().isShowing());
        }
        main.tabbedPane("tabs").selectTab(1);
        JTable history = main.table("historyTable").target();
        awaitEdt("one history row", () -> history.getRowCount() == 1);
        assertThat(onEdt(() -> String.valueOf(history.getValueAt(0, 0)))).isEqualTo("OUTGOING");
        assertThat(onEdt(() -> history.getValueAt(0, 1))).isEqualTo("101");
        assertThat(onEdt(() -> String.valueOf(history.getValueAt(0, 3)))).matches("\\d+:\\d\\d");
        org.awaitility.Awaitility.await().atMost(T).untilAsserted(() -> assertThat(dataDir.resolve("history.json"))
                .content().contains("\"OUTGOING\"").contains("\"101\""));
    }

    @Test
    @Order(3)
    void incomingCallShowsTheIncomingWindowAndAnswerConnects() throws Exception {
        try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("caller102.log"),
                headless("102", "--call", "100", "--duration", "2"))) {
            FrameFixture incoming = DesktopUi.frame(robot, "incomingWindow", "");
            incoming.label("callerName").requireText("Ext 102"); // the display name the server puts in From
            incoming.label("callerNumber").requireText("102");
            assertThat(onEdt(() -> incoming.target().isAlwaysOnTop())).isTrue();
            incoming.button("answerButton").click();
            caller.await("answered ", T);
            FrameFixture call = DesktopUi.frame(robot, "callWindow", "102");
            JLabel timer = callTimer(call);
            awaitEdt("timer visible", timer::isShowing);
            assertThat(DesktopUi.anyShowing("incomingWindow")).isFalse();
            caller.await("ended local-hangup", T);
            assertThat(caller.waitForExit(T)).isZero();
            awaitEdt("call window says ended", () -> call.button("hangupButton").target().getText().equals("Close"));
            awaitEdt("ended call window closes by itself", () -> !call.target().isShowing());
        }
        main.tabbedPane("tabs").selectTab(1);
        JTable history = main.table("historyTable").target();
        awaitEdt("two history rows", () -> history.getRowCount() == 2);
        assertThat(onEdt(() -> String.valueOf(history.getValueAt(0, 0)))).isEqualTo("INCOMING");
        assertThat(onEdt(() -> history.getValueAt(0, 1))).isEqualTo("Ext 102 <102>");
    }

    @Test
    @Order(4)
    void aCallerWhoHangsUpBeforeAnswerIsAMissedCall() throws Exception {
        main.tabbedPane("tabs").selectTab(0);
        PhoneProcess caller = PhoneProcess.start(tmp.resolve("caller103.log"), headless("103", "--call", "100"));
        try {
            FrameFixture incoming = DesktopUi.frame(robot, "incomingWindow", "");
            incoming.label("callerName").requireText("Ext 103");
            caller.await("ringing", T);
        } finally {
            caller.close(); // SIGTERM: the headless phone sends CANCEL
        }
        awaitEdt("incoming window gone", () -> !DesktopUi.anyShowing("incomingWindow"));
        awaitEdt("missed call counted on the history tab", () -> main.tabbedPane("tabs").target().getTitleAt(1)
                .contains("1 missed"));
        main.tabbedPane("tabs").selectTab(1);
        JTable history = main.table("historyTable").target();
        awaitEdt("three history rows", () -> history.getRowCount() == 3);
        assertThat(onEdt(() -> String.valueOf(history.getValueAt(0, 0)))).isEqualTo("MISSED");
        assertThat(onEdt(() -> main.tabbedPane("tabs").target().getTitleAt(1))).doesNotContain("missed");
    }

    @Test
    @Order(5)
    void callBackFromTheHistoryDialsTheEntry() throws Exception {
        try (PhoneProcess callee = PhoneProcess.start(tmp.resolve("callee103.log"), headless("103", "--auto-answer"))) {
            callee.await("registered ", T);
            main.tabbedPane("tabs").selectTab(1);
            main.table("historyTable").selectRows(0);
            main.button("callBackButton").click();
            FrameFixture call = DesktopUi.frame(robot, "callWindow", "103");
            callee.await("answered ", T);
            JLabel timer = callTimer(call);
            awaitEdt("connected", timer::isShowing);
            call.button("hangupButton").click();
            callee.await("ended remote-hangup", T);
        }
        assertThat(status()).startsWith("Registered as 100@127.0.0.1");
        assertThat(Files.readString(dataDir.resolve("settings.json"))).contains("\"lastDialed\" : \"103\"");
    }

    @Test
    @Order(6)
    void aForwardedCallSaysWhereItWasForwarded() throws Exception {
        try (PhoneProcess callee = PhoneProcess.start(tmp.resolve("callee101b.log"), headless("101", "--auto-answer"))) {
            callee.await("registered ", T);
            main.tabbedPane("tabs").selectTab(0);
            main.textBox("numberField").setText("104");
            main.button("callButton").click();
            FrameFixture call = DesktopUi.frame(robot, "callWindow", "104");
            JLabel forwarded = robot.finder().findByName(call.target(), "forwardedTo", JLabel.class, false);
            awaitEdt("forwarding shown", forwarded::isShowing);
            assertThat(onEdt(forwarded::getText)).isEqualTo("Forwarded to 101");
            callee.await("answered ", T);
            JLabel timer = callTimer(call);
            awaitEdt("connected", timer::isShowing);
            call.button("hangupButton").click();
            callee.await("ended remote-hangup", T);
        }
    }

    @Test
    @Order(7)
    void transferButtonHandsTheCallOverToTheTypedNumber() throws Exception {
        try (PhoneProcess bob = PhoneProcess.start(tmp.resolve("bob101t.log"), headless("101", "--auto-answer"));
             PhoneProcess carol = PhoneProcess.start(tmp.resolve("carol102t.log"), headless("102", "--auto-answer",
                     "--duration", "2"))) {
            bob.await("registered ", T);
            carol.await("registered ", T);
            main.tabbedPane("tabs").selectTab(0);
            main.textBox("numberField").setText("101");
            main.button("callButton").click();
            FrameFixture call = DesktopUi.frame(robot, "callWindow", "101");
            bob.await("answered ", T);
            awaitEdt("connected", callTimer(call)::isShowing);
            call.toggleButton("transferButton").click();
            call.textBox("transferTarget").enterText("102");
            call.button("transferGo").click();
            assertThat(bob.await("referred ", T)).startsWith("referred sip:102@");
            carol.await("answered ", T);
            awaitEdt("our call ends as transferred", () -> call.label("callState").target().getText()
                    .equals("Call transferred"));
            bob.await("ended ", T);
        }
    }

    @Test
    @Order(8)
    void anUnpluggedHeadsetMidCallIsShownAndTheCallGoesOn() throws Exception {
        try (PhoneProcess callee = PhoneProcess.start(tmp.resolve("callee101d.log"), headless("101", "--auto-answer"))) {
            callee.await("registered ", T);
            main.tabbedPane("tabs").selectTab(0);
            main.textBox("numberField").setText("101");
            main.button("callButton").click();
            FrameFixture call = DesktopUi.frame(robot, "callWindow", "101");
            callee.await("answered ", T);
            JLabel timer = callTimer(call);
            awaitEdt("connected", timer::isShowing);
            JLabel notice = robot.finder().findByName(call.target(), "deviceNotice", JLabel.class, false);
            assertThat(onEdt(notice::isShowing)).isFalse();
            sound.unplug("Test Headset");
            awaitEdt("unplugging is shown", () -> notice.isShowing() && notice.getText().contains("Test Headset")
                    && notice.getText().contains("system default"));
            String before = onEdt(timer::getText);
            awaitEdt("the call goes on", () -> !timer.getText().equals(before));
            awaitEdt("the main window says it too", () -> main.target().isShowing()
                    && robot.finder().findAll(main.target(), new org.assertj.swing.core.GenericTypeMatcher<JLabel>(
                            JLabel.class, true) {
                        @Override
                        protected boolean isMatching(JLabel l) {
                            return "notice".equals(l.getName()) && l.getText().contains("Test Headset");
                        }
                    }).size() > 0);
            sound.plug("Test Headset");
            awaitEdt("the headset is used again", () -> notice.getText().contains("is back"));
            call.button("hangupButton").click();
            callee.await("ended remote-hangup", T);
        }
    }

    @Test
    @Order(9)
    void aSecondAccountRegistersBesideTheDefaultAndTakesItsCalls() throws Exception {
        main.menuItem("menuAccounts").click();
        DialogFixture accounts = WindowFinder.findDialog("accountsDialog").withTimeout(T.toMillis()).using(robot);
        accounts.moveToFront();
        accounts.button("accountAdd").click();
        DialogFixture d = WindowFinder.findDialog("accountDialog").withTimeout(T.toMillis()).using(robot);
        // fields filled on the EDT, not typed: with no window manager under Xvfb, keyboard focus can stay in the
        // dialog underneath and typed text lands there (the first account's set-up above is typed)
        String tcpPort = Integer.toString(server.port(Transport.TCP));
        onEdt(() -> {
            d.textBox("server").target().setText("127.0.0.1");
            d.comboBox("transport").target().setSelectedItem("TCP");
            d.textBox("port").target().setText(tcpPort);
            d.textBox("user").target().setText("103");
            d.textBox("password").target().setText("pw-103");
            return null;
        });
        d.button("saveAccount").click();
        awaitEdt("the account dialog accepted the input", () -> !d.target().isShowing());
        @SuppressWarnings("unchecked")
        javax.swing.JList<Object> list = (javax.swing.JList<Object>) accounts.list("accountList").target();
        awaitEdt("two accounts listed", () -> list.getModel().getSize() == 2);
        awaitEdt("the default account registers again", () -> status().startsWith("Registered as 100@127.0.0.1"));
        awaitEdt("the second account's own status line", () -> {
            Object second = list.getModel().getElementAt(1);
            return ((JLabel) list.getCellRenderer().getListCellRendererComponent(list, second, 1, false, false))
                    .getText().contains("Registered as 103@127.0.0.1");
        });
        assertThat(dataDir.resolve("settings.json")).content().contains("\"moreAccounts\"").contains("\"103\"");
        // a call to the second account (103, over TCP) rings the desktop phone too
        try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("caller102acc.log"),
                headless("102", "--call", "103", "--duration", "1"))) {
            FrameFixture incoming = DesktopUi.frame(robot, "incomingWindow", "");
            incoming.button("answerButton").click();
            caller.await("answered ", T);
            caller.await("ended ", T);
        }
        // the ended call's window closes by itself; then the accounts dialog is on top again
        awaitEdt("call window closed", () -> !DesktopUi.anyShowing("callWindow"));
        accounts.moveToFront();
        accounts.list("accountList").selectItem(1);
        accounts.button("accountRemove").click();
        awaitEdt("one account left", () -> list.getModel().getSize() == 1);
        accounts.button("accountsClose").click();
        awaitEdt("registered again with the default alone", () -> status().startsWith("Registered as 100@127.0.0.1"));
        assertThat(Files.readString(dataDir.resolve("settings.json"))).doesNotContain("\"moreAccounts\" : [ {");
    }

    @Test
    @Order(10)
    void attendedTransferConnectsTheTwoOtherParties() throws Exception {
        try (PhoneProcess bob = PhoneProcess.start(tmp.resolve("bob101a.log"), headless("101", "--auto-answer"));
             PhoneProcess carol = PhoneProcess.start(tmp.resolve("carol102a.log"), headless("102", "--auto-answer",
                     "--duration", "3"))) {
            bob.await("registered ", T);
            carol.await("registered ", T);
            main.moveToFront();
            main.tabbedPane("tabs").selectTab(0);
            main.textBox("numberField").setText("101");
            main.button("callButton").click();
            FrameFixture first = DesktopUi.frame(robot, "callWindow", "101");
            bob.await("answered ", T);
            awaitEdt("first call connected", callTimer(first)::isShowing);
            first.toggleButton("holdButton").click();
            bob.await("hold", T);
            // without a window manager under Xvfb the main window cannot take the focus back from the call
            // window, so the second number is dialled on the EDT directly
            onEdt(() -> {
                main.textBox("numberField").target().setText("102");
                main.button("callButton").target().doClick();
                return null;
            });
            FrameFixture consult = DesktopUi.frame(robot, "callWindow", "102");
            carol.await("answered ", T);
            awaitEdt("consultation connected", callTimer(consult)::isShowing);
            first.moveToFront();
            first.toggleButton("transferButton").click();
            awaitEdt("the other call is offered", () -> first.comboBox("attendedCalls").target().isShowing());
            first.button("attendedGo").click();
            assertThat(bob.await("referred ", T)).contains("102");
            awaitEdt("the first call ends as transferred", () -> first.label("callState").target().getText()
                    .equals("Call transferred"));
            bob.await("ended ", T);
        }
    }

    /**
     * The call window's timer label, found whether or not it shows yet: it appears only once the window has the
     * 200 (a headless callee may print "answered" before our UI got it), so callers await {@code isShowing}.
     */
    private static JLabel callTimer(FrameFixture call) {
        return robot.finder().findByName(call.target(), "callTimer", JLabel.class, false);
    }
}
