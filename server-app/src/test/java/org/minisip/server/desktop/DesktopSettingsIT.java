package org.minisip.server.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minisip.server.desktop.DesktopUi.awaitEdt;
import static org.minisip.server.desktop.DesktopUi.onEdt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.swing.JLabel;
import org.assertj.swing.core.BasicRobot;
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

/**
 * Start-up with bad local state, as a user would meet it: a corrupt settings file is reported in the window and kept
 * as a backup, the phone starts with defaults (first-run set-up); with no sound device the main window and the audio
 * settings say so, and the phone still runs.
 */
@Tag("interop")
@Tag("desktop")
class DesktopSettingsIT {
    @TempDir
    Path tmp;
    private Robot robot;
    private DesktopApp app;

    @BeforeEach
    void robot() {
        robot = BasicRobot.robotWithNewAwtHierarchy();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        robot.cleanUp();
    }

    @Test
    void corruptSettingsAreReportedBackedUpAndTheSetupOpens() throws Exception {
        Path data = tmp.resolve("phone");
        Files.createDirectories(data);
        Files.writeString(data.resolve("settings.json"), "{\"account\": {\"server\": \"pbx\", ");
        app = DesktopApp.start(new DataDir(data), status -> { });
        FrameFixture main = new FrameFixture(robot, app.mainWindow());
        DialogFixture setup = WindowFinder.findDialog("accountDialog").withTimeout(DesktopUi.TIMEOUT.toMillis())
                .using(robot);
        setup.close();
        List<String> notices = onEdt(() -> robot.finder().findAll(main.target(),
                c -> c instanceof JLabel l && "notice".equals(l.getName()) && l.isShowing()).stream()
                .map(c -> ((JLabel) c).getText()).toList());
        assertThat(notices).anyMatch(t -> t.contains("could not be read") && t.contains("settings.json.corrupt-"));
        try (var files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("settings.json.corrupt-"));
        }
        assertThat(onEdt(() -> main.label("statusLabel").target().getText())).isEqualTo("No account set up");
    }

    @Test
    void audioSettingsListTheDevicesOrSayThereAreNone() throws Exception {
        // CI machines and containers have no sound device; a developer's desktop has some
        boolean none = org.minisip.phone.audio.AudioDevices.scan().none();
        app = DesktopApp.start(new DataDir(tmp.resolve("phone2")), status -> { });
        FrameFixture main = new FrameFixture(robot, app.mainWindow());
        WindowFinder.findDialog("accountDialog").withTimeout(DesktopUi.TIMEOUT.toMillis()).using(robot).close();
        if (none) {
            awaitEdt("no-audio notice in the main window", () -> !robot.finder().findAll(main.target(),
                    c -> c instanceof JLabel l && "notice".equals(l.getName())
                            && l.getText().contains("No sound devices")).isEmpty());
        }
        main.menuItem("menuPhone").click();
        main.menuItem("menuAudio").click();
        DialogFixture audio = WindowFinder.findDialog("audioDialog").withTimeout(DesktopUi.TIMEOUT.toMillis())
                .using(robot);
        if (none) {
            awaitEdt("audio dialog says there is no device", () -> audio.label("audioNotice").target().isShowing());
            assertThat(onEdt(() -> audio.label("audioNotice").target().getText())).contains("No sound devices");
        } else {
            awaitEdt("devices listed", () -> audio.comboBox("speakerCombo").target().getItemCount() > 1);
        }
        audio.button("saveAudio").click();
        assertThat(onEdt(() -> main.target().isShowing())).isTrue();
    }
}
