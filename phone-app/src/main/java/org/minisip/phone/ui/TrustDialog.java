package org.minisip.phone.ui;

import java.awt.Font;
import java.awt.Window;
import java.security.cert.X509Certificate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.filechooser.FileNameExtensionFilter;
import net.miginfocom.swing.MigLayout;
import org.minisip.phone.config.PhoneTrust;

/**
 * Asks what to do about a server certificate the phone does not trust: shows who it names, who issued it, its
 * validity and its SHA-256 fingerprint (to compare with the one the administrator gives), and offers Trust once,
 * Trust always (pinned in the data directory), Load CA file… or Cancel. EDT only; modal.
 */
final class TrustDialog {
    /** The user's choice; {@code caFile} is set for {@link Choice#LOAD_CA}. */
    enum Choice { ONCE, ALWAYS, LOAD_CA, CANCEL }

    record Answer(Choice choice, java.nio.file.Path caFile) {
    }

    private TrustDialog() {
    }

    static Answer ask(Window owner, Messages msg, String server, X509Certificate cert) {
        DateTimeFormatter f = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(msg.locale())
                .withZone(ZoneId.systemDefault());
        // columns: labels, values that grow; one row per certificate property
        JPanel p = new JPanel(new MigLayout("insets 0, wrap 2", "[right][grow,fill]"));
        JLabel intro = new JLabel("<html>" + MainWindow.escape(msg.get("trust.intro", server)) + "</html>");
        p.add(intro, "span 2, wmin 0, growx");
        p.add(new JLabel(msg.get("trust.subject")));
        p.add(new JLabel(cert.getSubjectX500Principal().getName()));
        p.add(new JLabel(msg.get("trust.issuer")));
        p.add(new JLabel(cert.getIssuerX500Principal().getName()));
        p.add(new JLabel(msg.get("trust.validity")));
        p.add(new JLabel(f.format(cert.getNotBefore().toInstant()) + " – " + f.format(cert.getNotAfter().toInstant())));
        p.add(new JLabel(msg.get("trust.fingerprint")), "top");
        JTextArea fp = new JTextArea(PhoneTrust.fingerprint(cert).replaceAll("(([0-9A-F]{2}:){15}[0-9A-F]{2}):", "$1\n"));
        fp.setName("fingerprint");
        fp.setEditable(false);
        fp.setFont(new Font(Font.MONOSPACED, Font.PLAIN, fp.getFont().getSize()));
        p.add(fp);
        p.add(new JLabel("<html>" + MainWindow.escape(msg.get("trust.warning")) + "</html>"), "span 2, wmin 0, growx");
        String[] options = {msg.get("trust.once"), msg.get("trust.always"), msg.get("trust.loadCa"),
            msg.get("dialog.cancel")};
        int c = JOptionPane.showOptionDialog(owner, p, msg.get("trust.title"), JOptionPane.DEFAULT_OPTION,
                JOptionPane.WARNING_MESSAGE, null, options, options[3]);
        if (c == 2) {
            JFileChooser ch = new JFileChooser();
            ch.setFileFilter(new FileNameExtensionFilter(msg.get("trust.pemFiles"), "pem", "crt", "cer"));
            if (ch.showOpenDialog(owner) == JFileChooser.APPROVE_OPTION) {
                return new Answer(Choice.LOAD_CA, ch.getSelectedFile().toPath());
            }
            return new Answer(Choice.CANCEL, null);
        }
        return new Answer(switch (c) {
            case 0 -> Choice.ONCE;
            case 1 -> Choice.ALWAYS;
            default -> Choice.CANCEL;
        }, null);
    }
}
