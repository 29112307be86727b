package org.minisip.phone.ui;

import java.awt.Window;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JSeparator;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.WindowConstants;
import net.miginfocom.swing.MigLayout;
import org.minisip.phone.audio.AudioDevices;
import org.minisip.phone.audio.ControlledAudioBackend;
import org.minisip.phone.audio.MicLevel;
import org.minisip.phone.audio.TonePlayer;
import org.minisip.phone.config.Settings;

/**
 * Microphone, speaker and ringer, chosen from the javax.sound devices (listed off the EDT) and remembered by name, with
 * a live microphone level meter and a test tone. Says so when the machine has no sound device at all. EDT only.
 */
final class AudioDialog extends JDialog {
    private final Messages msg;
    private final JComboBox<String> mic = new JComboBox<>();
    private final JComboBox<String> speaker = new JComboBox<>();
    private final JComboBox<String> ringer = new JComboBox<>();
    private final JProgressBar meter = new JProgressBar(0, 100);
    private final JLabel notice = new JLabel();
    private final MicLevel level = new MicLevel();
    private final TonePlayer tone = new TonePlayer();
    private final Timer meterTimer;
    private final ExecutorService worker;

    AudioDialog(Window owner, Messages msg, Settings.Audio current, ExecutorService worker,
                ControlledAudioBackend audio, Consumer<Settings.Audio> onSave) {
        super(owner, msg.get("audio.title"), ModalityType.APPLICATION_MODAL);
        this.msg = msg;
        this.worker = worker;
        setName("audioDialog");
        setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        mic.setName("micCombo");
        speaker.setName("speakerCombo");
        ringer.setName("ringerCombo");
        meter.setName("micMeter");
        notice.setName("audioNotice");
        notice.setIcon(Icons.get("warning"));
        notice.setVisible(false);
        for (JComboBox<String> c : List.of(mic, speaker, ringer)) {
            c.addItem(msg.get("audio.default"));
            c.setEnabled(false);
        }
        JButton test = new JButton(msg.get("audio.testTone"), Icons.get("volume"));
        test.setName("testTone");
        test.addActionListener(e -> {
            String dev = chosen(speaker);
            worker.execute(() -> {
                if (!tone.start(dev, TonePlayer.Pattern.TEST)) {
                    SwingUtilities.invokeLater(() -> showNotice(msg.get("audio.noPlayback")));
                }
            });
        });
        mic.addActionListener(e -> restartMeter());
        meterTimer = new Timer(50, e -> meter.setValue(Math.round(level.level() * 100)));
        JButton save = new JButton(msg.get("dialog.ok"));
        save.setName("saveAudio");
        save.addActionListener(e -> {
            onSave.accept(new Settings.Audio(chosen(mic), chosen(speaker), chosen(ringer)));
            dispose();
        });
        JButton cancel = new JButton(msg.get("dialog.cancel"));
        cancel.addActionListener(e -> dispose());

        // columns: labels, inputs that grow, side buttons
        JPanel p = new JPanel(new MigLayout("insets dialog, wrap 3, hidemode 3", "[right][grow,fill][]", ""));
        p.add(notice, "span 3, growx, wmin 0");
        p.add(new JLabel(msg.get("audio.microphone")));
        p.add(mic, "span 2");
        p.add(new JLabel(msg.get("audio.level")));
        p.add(meter, "span 2");
        p.add(new JLabel(msg.get("audio.speaker")));
        p.add(speaker);
        p.add(test);
        p.add(new JLabel(msg.get("audio.ringer")));
        p.add(ringer, "span 2");
        p.add(new JSeparator(), "span 3, growx, gaptop para");
        p.add(save, "span 3, split 2, right, tag ok");
        p.add(cancel, "tag cancel");
        setContentPane(p);
        getRootPane().setDefaultButton(save);
        pack();
        setLocationRelativeTo(owner);
        meterTimer.start();
        worker.execute(() -> {
            AudioDevices.Inventory inv = AudioDevices.scan();
            SwingUtilities.invokeLater(() -> fill(inv, current));
        });
    }

    private void fill(AudioDevices.Inventory inv, Settings.Audio current) {
        if (!isDisplayable()) {
            return;
        }
        add(mic, inv.microphones(), current.microphone());
        add(speaker, inv.speakers(), current.speaker());
        add(ringer, inv.speakers(), current.ringer());
        if (inv.none()) {
            showNotice(msg.get("audio.none"));
        }
        pack();
        restartMeter();
    }

    private void add(JComboBox<String> c, List<String> names, String selected) {
        for (String n : names) {
            c.addItem(n);
        }
        if (selected != null) {
            if (!names.contains(selected)) {
                c.addItem(selected); // remembered, but not plugged in now
            }
            c.setSelectedItem(selected);
        }
        c.setEnabled(!names.isEmpty());
    }

    private void showNotice(String text) {
        notice.setText("<html>" + MainWindow.escape(text) + "</html>");
        notice.setVisible(true);
        pack();
    }

    private void restartMeter() {
        String dev = chosen(mic);
        worker.execute(() -> level.start(dev));
    }

    private String chosen(JComboBox<String> c) {
        return c.getSelectedIndex() <= 0 ? null : (String) c.getSelectedItem();
    }

    @Override
    public void dispose() {
        meterTimer.stop();
        try {
            worker.execute(() -> {
                level.stop();
                tone.stop();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            level.stop(); // the phone is shutting down: nothing else waits for the worker any more
            tone.stop();
        }
        super.dispose();
    }
}
