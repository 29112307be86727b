package org.minisip.phone.ui;

import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.time.Instant;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSlider;
import javax.swing.JTextField;
import javax.swing.JToggleButton;
import javax.swing.SwingConstants;
import javax.swing.WindowConstants;
import net.miginfocom.swing.MigLayout;

/**
 * The window of one established or outgoing call: who, state, talk timer, SRTP padlock and codec, mute, hold, DTMF
 * pad, transfer (a number field that opens under the buttons), volume, sound-device notices, hang up. Closing the window hangs up. EDT only; driven by the controller.
 */
final class CallWindow extends JFrame {
    private final Messages msg;
    private final String callId;
    private final CallActions actions;
    private final JLabel state = new JLabel();
    private final JLabel timerLabel = new JLabel("0:00");
    private final JLabel security = new JLabel();
    private final JLabel remoteHold = new JLabel();
    private final JLabel forwarded = new JLabel();
    private final JLabel deviceNotice = new JLabel();
    private final JToggleButton transfer;
    private final JPanel transferRow;
    private final JTextField transferTarget = new JTextField(12);
    private final javax.swing.JComboBox<String> attendedCalls = new javax.swing.JComboBox<>();
    private final java.util.List<String> otherIds = new java.util.ArrayList<>();
    private final JToggleButton mute;
    private final JToggleButton hold;
    private final JToggleButton keypad;
    private final JButton hangup;
    private final DialPad dtmfPad;
    private final CallTimer timer = new CallTimer(timerLabel);
    private boolean ended;

    CallWindow(Messages msg, String callId, String peerName, String peerNumber, CallActions actions) {
        super(msg.get("call.title", peerName != null ? peerName : peerNumber));
        this.msg = msg;
        this.callId = callId;
        this.actions = actions;
        setName("callWindow");
        setIconImages(Icons.appImages());
        setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                if (ended) {
                    dispose();
                } else {
                    actions.hangup(callId);
                }
            }
        });

        JLabel name = new JLabel(peerName != null ? peerName : peerNumber, SwingConstants.CENTER);
        name.setName("peerName");
        name.putClientProperty("FlatLaf.styleClass", "h2");
        JLabel number = new JLabel(peerNumber, SwingConstants.CENTER);
        number.setVisible(peerName != null);
        number.putClientProperty("FlatLaf.styleClass", "small");
        state.setName("callState");
        timerLabel.setName("callTimer");
        timerLabel.putClientProperty("FlatLaf.styleClass", "h1");
        timerLabel.setVisible(false);
        security.setName("srtpIndicator");
        remoteHold.setName("remoteHold");
        remoteHold.setVisible(false);
        forwarded.setName("forwardedTo");
        forwarded.setVisible(false);

        mute = new JToggleButton(msg.get("call.mute"), Icons.get("mic"));
        mute.setName("muteButton");
        mute.setSelectedIcon(Icons.get("mic-off"));
        mute.addActionListener(e -> actions.setMuted(mute.isSelected()));
        hold = new JToggleButton(msg.get("call.hold"), Icons.get("hold"));
        hold.setName("holdButton");
        hold.addActionListener(e -> {
            hold.setEnabled(false); // until the engine confirms or refuses
            actions.hold(callId, hold.isSelected());
        });
        keypad = new JToggleButton(msg.get("call.keypad"), Icons.get("keypad"));
        keypad.setName("keypadButton");
        dtmfPad = new DialPad(c -> actions.sendDtmf(callId, c));
        dtmfPad.setVisible(false);
        keypad.addActionListener(e -> {
            dtmfPad.setVisible(keypad.isSelected());
            pack();
        });
        transfer = new JToggleButton(msg.get("call.transfer"), Icons.get("transfer"));
        transfer.setName("transferButton");
        transferTarget.setName("transferTarget");
        transferTarget.putClientProperty("JTextField.placeholderText", msg.get("call.transfer.placeholder"));
        JButton transferGo = new JButton(msg.get("call.transfer.go"));
        transferGo.setName("transferGo");
        // columns: the number field grows, the button keeps its size
        transferRow = new JPanel(new MigLayout("insets 0, gap rel", "[grow,fill][]"));
        transferRow.add(transferTarget);
        transferRow.add(transferGo, "wrap");
        // attended transfer: the other established calls, shown only when there are some
        attendedCalls.setName("attendedCalls");
        JButton attendedGo = new JButton(msg.get("call.transfer.attended"));
        attendedGo.setName("attendedGo");
        attendedGo.addActionListener(e -> {
            int i = attendedCalls.getSelectedIndex();
            if (i >= 0 && !ended) {
                actions.attendedTransfer(callId, otherIds.get(i));
            }
        });
        transferRow.add(attendedCalls, "hidemode 3");
        transferRow.add(attendedGo, "hidemode 3");
        transferRow.setVisible(false);
        transfer.addActionListener(e -> {
            java.util.Map<String, String> others = actions.otherCalls(callId);
            otherIds.clear();
            otherIds.addAll(others.keySet());
            attendedCalls.removeAllItems();
            others.values().forEach(attendedCalls::addItem);
            attendedCalls.setVisible(!others.isEmpty());
            attendedGo.setVisible(!others.isEmpty());
            transferRow.setVisible(transfer.isSelected());
            if (transfer.isSelected()) {
                transferTarget.requestFocusInWindow();
            }
            pack();
        });
        Runnable doTransfer = () -> {
            String typed = transferTarget.getText().strip();
            if (!typed.isEmpty() && !ended) {
                actions.transfer(callId, typed);
            }
        };
        transferGo.addActionListener(e -> doTransfer.run());
        transferTarget.addActionListener(e -> doTransfer.run());
        deviceNotice.setName("deviceNotice");
        deviceNotice.setIcon(Icons.get("warning"));
        deviceNotice.setVisible(false);
        JSlider volume = new JSlider(0, 200, 100);
        volume.setName("volumeSlider");
        volume.setToolTipText(msg.get("call.volume"));
        volume.addChangeListener(e -> actions.setVolume(volume.getValue()));

        hangup = new JButton(msg.get("call.hangup"), Icons.get("hangup-white", 20));
        hangup.setName("hangupButton");
        hangup.putClientProperty("FlatLaf.style", Styles.RED_BUTTON);
        hangup.addActionListener(e -> {
            if (ended) {
                dispose();
            } else {
                actions.hangup(callId);
            }
        });

        // one centred column; rows from top: name, number, state, timer, security, hold notice, buttons, pad, hang up
        JPanel p = new JPanel(new MigLayout("insets dialog, wrap 1, fillx, hidemode 3", "[grow,center]",
                "[]rel[]unrel[]rel[]rel[]rel[]rel[]para[]rel[grow,fill]para[]"));
        p.add(name, "growx");
        p.add(number, "growx");
        p.add(state);
        p.add(forwarded);
        p.add(timerLabel);
        p.add(security);
        p.add(remoteHold);
        p.add(deviceNotice);
        JPanel controls = new JPanel(new MigLayout("insets 0, gap rel", "[sg b][sg b][sg b]"));
        controls.add(mute);
        controls.add(hold);
        controls.add(keypad, "wrap");
        controls.add(transfer, "span 3, growx, wrap");
        controls.add(transferRow, "span 3, growx, wrap");
        controls.add(new JLabel(Icons.get("volume")), "span 3, split 2");
        controls.add(volume, "growx");
        p.add(controls);
        p.add(dtmfPad, "growx, hidemode 3");
        p.add(hangup, "growx");
        setContentPane(p);
        setControlsEnabled(false);
        pack();
        setMinimumSize(getSize());
    }

    String callId() {
        return callId;
    }

    void showState(String text) {
        state.setText(text);
    }

    void answered(Instant at, String codec, boolean srtp) {
        state.setText(msg.get("call.connected"));
        timerLabel.setVisible(true);
        timer.start(at);
        security.setIcon(Icons.get(srtp ? "lock" : "lock-open"));
        security.setText(msg.get(srtp ? "call.srtp.on" : "call.srtp.off", codec));
        setControlsEnabled(true);
        pack();
    }

    /** The server forwarded our call (181 with Call-Info purpose=forwarding) to {@code who}. */
    void forwarded(String who) {
        forwarded.setText(msg.get("call.forwarded", who));
        forwarded.setVisible(true);
        pack();
    }

    void remoteHold(boolean onHold) {
        remoteHold.setText(msg.get("call.remoteHold"));
        remoteHold.setVisible(onHold);
        pack();
    }

    /**
     * Our hold or resume took effect ({@code held} is the state now), or was refused: then {@code problem} says why
     * and the toggle shows the unchanged state.
     */
    void localHold(boolean held, String problem) {
        hold.setSelected(held);
        hold.setEnabled(!ended && actions.canHold());
        hold.setText(msg.get(held ? "call.resume" : "call.hold"));
        state.setText(problem != null ? problem : msg.get(held ? "call.onHold" : "call.connected"));
    }

    /** A sound device of this call went away or came back (shown until the next change). */
    void deviceNotice(String text) {
        deviceNotice.setText(text);
        deviceNotice.setVisible(true);
        pack();
    }

    /** Progress of our transfer; on a failure the number field stays open to try again. */
    void transferState(String text, boolean failed) {
        state.setText(text);
        if (!failed) {
            transfer.setSelected(false);
            transferRow.setVisible(false);
        }
        pack();
    }

    /** The call is over: stops the timer, shows why, and turns Hang up into Close. */
    void ended(String why) {
        ended = true;
        timer.stop();
        state.setText(why);
        setControlsEnabled(false);
        hangup.setText(msg.get("call.close"));
        hangup.setIcon(null);
    }

    long talkSeconds() {
        return timer.seconds();
    }

    boolean isEnded() {
        return ended;
    }

    private void setControlsEnabled(boolean on) {
        mute.setEnabled(on);
        hold.setEnabled(on && actions.canHold());
        keypad.setEnabled(on);
        transfer.setEnabled(on);
        if (!on) {
            transferRow.setVisible(false);
        }
        if (!on) {
            dtmfPad.setVisible(false);
        }
    }
}
