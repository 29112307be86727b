package org.minisip.phone.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.swing.JList;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.phone.config.WatchListStore;
import org.minisip.phone.engine.BlfState;
import org.minisip.phone.engine.PhoneEvent;

/**
 * The watched-extensions presenter without a window: the saved list is loaded, lamp events change the rows, an
 * added extension is saved, message-waiting shows and hides the indicator with localised text.
 */
class WatchedExtensionsTest {
    @TempDir
    Path dir;

    @Test
    void loadsShowsStatesSavesAndIndicatesMessages() throws Exception {
        Path file = dir.resolve(WatchListStore.FILE);
        Files.writeString(file, "[\"101\", \"102\"]");
        List<String> notices = new ArrayList<>();
        Messages msg = Messages.forSetting("en", Locale.ENGLISH);
        WatchedExtensions[] w = new WatchedExtensions[1];
        SwingUtilities.invokeAndWait(() -> w[0] = new WatchedExtensions(msg, Runnable::run,
                new WatchListStore(file), d -> { }, notices::add));
        SwingUtilities.invokeAndWait(() -> { });   // the load's hand-back to the EDT
        @SuppressWarnings("unchecked")
        JList<WatchPanel.Row> list = (JList<WatchPanel.Row>) find(w[0].panel(), "watchList");
        SwingUtilities.invokeAndWait(() -> {
            assertThat(rows(list)).containsExactly(new WatchPanel.Row("101", BlfState.UNKNOWN),
                    new WatchPanel.Row("102", BlfState.UNKNOWN));
            assertThat(w[0].onEvent(new PhoneEvent.ExtensionState("101", BlfState.RINGING))).isTrue();
            assertThat(w[0].onEvent(new PhoneEvent.ExtensionState("102", BlfState.BUSY))).isTrue();
            assertThat(w[0].onEvent(new PhoneEvent.Ringing("x"))).isFalse();
            assertThat(rows(list)).containsExactly(new WatchPanel.Row("101", BlfState.RINGING),
                    new WatchPanel.Row("102", BlfState.BUSY));
            assertThat(w[0].indicator().isVisible()).isFalse();
            w[0].onEvent(new PhoneEvent.MessageWaiting(true, 2, 8, null));
            assertThat(w[0].indicator().isVisible()).isTrue();
            assertThat(w[0].indicator().getText()).isEqualTo("2 new");
            assertThat(w[0].indicator().getToolTipText()).isEqualTo("2 new and 8 old voice messages");
            w[0].onEvent(new PhoneEvent.MessageWaiting(false, 0, 8, null));
            assertThat(w[0].indicator().isVisible()).isFalse();
            javax.swing.JTextField input = (javax.swing.JTextField) find(w[0].panel(), "watchInput");
            input.setText("103");
            input.postActionEvent();
            input.setText("not valid!");
            input.postActionEvent();
            assertThat(find(w[0].panel(), "watchError").isVisible()).isTrue();
            w[0].detach();
            assertThat(rows(list)).extracting(WatchPanel.Row::state).containsOnly(BlfState.UNKNOWN);
        });
        assertThat(Files.readString(file)).contains("\"101\"").contains("\"102\"").contains("\"103\"")
                .doesNotContain("valid");
        assertThat(notices).isEmpty();
    }

    @Test
    void chineseTextsExist() {
        Messages zh = Messages.forSetting("zh_CN", Locale.ENGLISH);
        for (String k : List.of("watch.tab", "watch.add", "watch.remove", "watch.state.idle", "watch.state.ringing",
                "watch.state.busy", "watch.state.unknown", "mwi.waiting")) {
            assertThat(zh.get(k)).doesNotStartWith("!");
        }
        assertThat(zh.get("mwi.count", 2)).contains("2");
    }

    private static List<WatchPanel.Row> rows(JList<WatchPanel.Row> list) {
        List<WatchPanel.Row> out = new ArrayList<>();
        for (int i = 0; i < list.getModel().getSize(); i++) {
            out.add(list.getModel().getElementAt(i));
        }
        return out;
    }

    private static java.awt.Component find(java.awt.Container c, String name) {
        for (java.awt.Component child : c.getComponents()) {
            if (name.equals(child.getName())) {
                return child;
            }
            if (child instanceof java.awt.Container k) {
                java.awt.Component f = find(k, name);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }
}
