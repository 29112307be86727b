package org.minisip.phone.ui;

import com.formdev.flatlaf.extras.FlatSVGIcon;
import java.awt.Image;
import java.util.List;

/**
 * The app's SVG icons ({@code org/minisip/phone/ui/icons}). Sizes are in unscaled pixels: FlatSVGIcon renders them
 * for the current UI scale, so they stay sharp at 150 % and 200 %. Colours from the IntelliJ palette are adapted to
 * the dark theme by FlatLaf's colour filter.
 */
final class Icons {
    private static final String DIR = "org/minisip/phone/ui/icons/";

    private Icons() {
    }

    static FlatSVGIcon get(String name, int size) {
        return new FlatSVGIcon(DIR + name + ".svg", size, size, Icons.class.getClassLoader());
    }

    static FlatSVGIcon get(String name) {
        return get(name, 16);
    }

    /** The window icon in several sizes, for title bars, task bars and the tray. */
    static List<Image> appImages() {
        return com.formdev.flatlaf.extras.FlatSVGUtils.createWindowIconImages("/" + DIR + "app.svg");
    }
}
