package org.minisip.phone.ui;

import java.awt.Frame;
import java.awt.Taskbar;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingConstants;
import javax.swing.WindowConstants;
import net.miginfocom.swing.MigLayout;

/**
 * "Incoming call" with the caller's name and number and Answer / Reject. It is its own top-level, always-on-top
 * window so it comes to the front even while the main window is minimized; closing it rejects the call. EDT only.
 */
final class IncomingCallWindow extends JFrame {

    IncomingCallWindow(Messages msg, String callerName, String callerNumber, Runnable answer, Runnable reject) {
        super(msg.get("incoming.title"));
        setName("incomingWindow");
        setIconImages(Icons.appImages());
        setAlwaysOnTop(true);
        setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                reject.run();
            }
        });
        JLabel heading = new JLabel(msg.get("incoming.heading"), Icons.get("incoming", 20), SwingConstants.CENTER);
        JLabel name = new JLabel(callerName != null ? callerName : callerNumber, SwingConstants.CENTER);
        name.setName("callerName");
        name.putClientProperty("FlatLaf.styleClass", "h1");
        JLabel number = new JLabel(callerNumber, SwingConstants.CENTER);
        number.setName("callerNumber");
        number.setVisible(callerName != null); // the number is the heading when there is no name
        JButton answerButton = new JButton(msg.get("incoming.answer"), Icons.get("call-white", 20));
        answerButton.setName("answerButton");
        answerButton.putClientProperty("FlatLaf.style", Styles.GREEN_BUTTON);
        answerButton.addActionListener(e -> answer.run());
        JButton rejectButton = new JButton(msg.get("incoming.reject"), Icons.get("hangup-white", 20));
        rejectButton.setName("rejectButton");
        rejectButton.putClientProperty("FlatLaf.style", Styles.RED_BUTTON);
        rejectButton.addActionListener(e -> reject.run());
        // two equal columns (the buttons); rows: heading, name, number, buttons
        JPanel p = new JPanel(new MigLayout("insets dialog, wrap 2, fillx, hidemode 3", "[grow,fill,sg b]unrel[grow,fill,sg b]",
                "[]para[]rel[]para[]"));
        p.add(heading, "span 2, center");
        p.add(name, "span 2, growx");
        p.add(number, "span 2, growx");
        p.add(answerButton);
        p.add(rejectButton);
        setContentPane(p);
        getRootPane().setDefaultButton(answerButton);
        pack();
    }

    /** Shows the window in front of everything and asks the desktop for attention. */
    void present() {
        setLocationRelativeTo(null);
        setVisible(true);
        setState(Frame.NORMAL);
        toFront();
        requestFocus();
        if (Taskbar.isTaskbarSupported() && Taskbar.getTaskbar().isSupported(Taskbar.Feature.USER_ATTENTION_WINDOW)) {
            Taskbar.getTaskbar().requestWindowUserAttention(this);
        }
    }
}
