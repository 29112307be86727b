package org.minisip.phone.ui;

import java.awt.AWTException;
import java.awt.Image;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.util.List;
import javax.swing.JFrame;

/**
 * The system tray icon with the registration status as its tooltip, where the desktop has a tray (many Linux
 * desktops do not, and Xvfb never does: then nothing happens). Clicking it brings the main window back. EDT only.
 */
final class Tray {
    private final TrayIcon icon;

    private Tray(TrayIcon icon) {
        this.icon = icon;
    }

    static Tray install(JFrame main, String tooltip) {
        if (!SystemTray.isSupported()) {
            return new Tray(null);
        }
        List<Image> images = Icons.appImages();
        TrayIcon t = new TrayIcon(images.get(0), tooltip);
        t.setImageAutoSize(true);
        t.addActionListener(e -> {
            main.setVisible(true);
            main.setState(JFrame.NORMAL);
            main.toFront();
        });
        try {
            SystemTray.getSystemTray().add(t);
            return new Tray(t);
        } catch (AWTException | SecurityException e) {
            return new Tray(null);
        }
    }

    void status(String text) {
        if (icon != null) {
            icon.setToolTip(text);
        }
    }

    void notify(String caption, String text) {
        if (icon != null) {
            icon.displayMessage(caption, text, TrayIcon.MessageType.INFO);
        }
    }

    void remove() {
        if (icon != null) {
            SystemTray.getSystemTray().remove(icon);
        }
    }
}
