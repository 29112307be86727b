package org.minisip.server.desktop;

import static org.awaitility.Awaitility.await;

import java.awt.Component;
import java.awt.Frame;
import java.awt.Window;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.swing.JFrame;
import org.assertj.swing.core.GenericTypeMatcher;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.FrameFixture;

/** Small helpers for driving the desktop phone with AssertJ Swing: EDT reads and waits that poll, never sleep. */
final class DesktopUi {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private DesktopUi() {
    }

    /** Reads a value on the EDT. */
    static <T> T onEdt(Callable<T> read) {
        return GuiActionRunner.execute(read);
    }

    /** Waits until {@code read} (evaluated on the EDT) is true. */
    static void awaitEdt(String what, Callable<Boolean> read) {
        await(what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> onEdt(read));
    }

    /** The showing frame named {@code name} whose title contains {@code titlePart}. */
    static FrameFixture frame(Robot robot, String name, String titlePart) {
        return WindowFinder.findFrame(new GenericTypeMatcher<JFrame>(JFrame.class, true) {
            @Override
            protected boolean isMatching(JFrame f) {
                return name.equals(f.getName()) && f.getTitle().contains(titlePart);
            }
        }).withTimeout(TIMEOUT.toMillis()).using(robot);
    }

    /** True while some showing frame has {@code name}. */
    static boolean anyShowing(String name) {
        return onEdt(() -> {
            for (Frame f : Frame.getFrames()) {
                if (name.equals(f.getName()) && f.isShowing()) {
                    return true;
                }
            }
            return false;
        });
    }

    static String text(Component c) {
        return onEdt(() -> c instanceof javax.swing.JLabel l ? l.getText() : String.valueOf(c));
    }

    static Window window(Component c) {
        return onEdt(() -> javax.swing.SwingUtilities.getWindowAncestor(c));
    }
}
