package org.minisip.phone.ui;

/**
 * FlatLaf style strings shared by the call buttons (set with the {@code FlatLaf.style} client property, so the look
 * and feel still scales them). Green and red keep their meaning in light and dark themes, also as default button.
 */
final class Styles {
    static final String GREEN_BUTTON = colours("#2E9E4F", "#27893F");
    static final String RED_BUTTON = colours("#D93F3F", "#BF3434");

    private Styles() {
    }

    private static String colours(String bg, String pressed) {
        return "background: " + bg + "; foreground: #FFFFFF; focusedBackground: " + bg + "; hoverBackground: " + pressed
                + "; pressedBackground: " + pressed + "; default.background: " + bg + "; default.foreground: #FFFFFF;"
                + " default.focusedBackground: " + bg + "; default.hoverBackground: " + pressed
                + "; default.pressedBackground: " + pressed + "; font: +2 bold; borderWidth: 0; focusWidth: 0;"
                + " innerFocusWidth: 0; arc: 999";
    }
}
