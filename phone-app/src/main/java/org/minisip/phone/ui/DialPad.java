package org.minisip.phone.ui;

import java.util.function.Consumer;
import javax.swing.JButton;
import javax.swing.JPanel;
import net.miginfocom.swing.MigLayout;

/**
 * The 12-key pad (1-9, *, 0, #) with the letters of ITU E.161. Each press hands its key to {@code onKey}: the main
 * window appends it to the number, the call window sends it as DTMF. Buttons are named {@code key-<c>} for tests.
 */
final class DialPad extends JPanel {
    private static final String KEYS = "123456789*0#";
    private static final String[] LETTERS = {"", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ", "", "+", ""};

    DialPad(Consumer<Character> onKey) {
        // columns: three equal keys that grow; rows: four equal rows that grow
        super(new MigLayout("insets 0, wrap 3, gap rel", "[grow,fill,sg key]", "[grow,fill,sg row]"));
        for (int i = 0; i < KEYS.length(); i++) {
            char c = KEYS.charAt(i);
            JButton b = new JButton("<html><center><span style='font-size:1.5em'>" + c + "</span><br>"
                    + "<span style='font-size:0.75em'>" + (LETTERS[i].isEmpty() ? "&nbsp;" : LETTERS[i])
                    + "</span></center></html>");
            b.setName("key-" + c);
            b.setFocusable(false);
            b.addActionListener(e -> onKey.accept(c));
            add(b);
        }
    }
}
