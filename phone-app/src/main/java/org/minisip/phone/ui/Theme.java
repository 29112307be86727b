package org.minisip.phone.ui;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * FlatLaf light or dark, or the desktop's preference for {@code system} where it can be read: GNOME's
 * {@code color-scheme} (gsettings), Windows' {@code AppsUseLightTheme}, macOS's {@code AppleInterfaceStyle}.
 * Anything unreadable means light.
 */
final class Theme {
    private Theme() {
    }

    /** Resolves {@code system} to {@code light} or {@code dark}. Runs a short subprocess: call off the EDT. */
    static boolean dark(String theme) {
        if ("dark".equals(theme)) {
            return true;
        }
        if ("light".equals(theme)) {
            return false;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String out = run(List.of("reg", "query",
                    "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize", "/v",
                    "AppsUseLightTheme"));
            return out.contains("0x0");
        }
        if (os.contains("mac")) {
            return run(List.of("defaults", "read", "-g", "AppleInterfaceStyle")).contains("Dark");
        }
        return run(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")).contains("dark");
    }

    /** Installs the look and feel (EDT, or before any component exists) and refreshes open windows. */
    static void install(boolean dark) {
        if (dark) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
        FlatLaf.updateUI();
    }

    private static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
