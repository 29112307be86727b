package org.minisip.phone.ui;

import java.awt.Window;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JSeparator;
import javax.swing.JTextField;
import javax.swing.JToggleButton;
import javax.swing.UIManager;
import javax.swing.WindowConstants;
import net.miginfocom.swing.MigLayout;
import org.minisip.phone.config.Settings.Account;
import org.minisip.phone.ui.AccountForm.Field;

/**
 * Account set-up: server, port, transport, user, password, display name, and under "Advanced" the digest user,
 * outbound proxy, registration lifetime, SRTP mode and codec order. Save checks everything ({@link AccountForm}); each bad field is
 * outlined red with its message under it and keeps what was typed. EDT only; modal.
 */
final class AccountDialog extends JDialog {
    private final Messages msg;
    private final List<String> knownCodecs;
    private final Consumer<Account> onSave;
    private final JTextField server = field("server", 18);
    private final JTextField port = field("port", 6);
    private final JComboBox<String> transport = new JComboBox<>(new String[] {"UDP", "TCP", "TLS"});
    private final JTextField user = field("user", 12);
    private final JPasswordField password = new JPasswordField(12);
    private final JTextField displayName = field("displayName", 18);
    private final JTextField authUser = field("authUser", 12);
    private final JTextField outboundProxy = field("outboundProxy", 18);
    private final JTextField expires = field("expires", 6);
    private final JComboBox<String> srtp = new JComboBox<>(new String[] {"off", "optional", "mandatory"});
    private final JTextField codecs = field("codecs", 18);
    private final JComboBox<String> dtmf = new JComboBox<>(new String[] {"rfc4733", "info"});
    private final Map<Field, JLabel> errors = new EnumMap<>(Field.class);
    private final Map<Field, JComponent> inputs = new EnumMap<>(Field.class);

    AccountDialog(Window owner, Messages msg, Account current, List<String> knownCodecs, Consumer<Account> onSave) {
        super(owner, msg.get("account.title"), ModalityType.APPLICATION_MODAL);
        this.msg = msg;
        this.knownCodecs = knownCodecs;
        this.onSave = onSave;
        setName("accountDialog");
        setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        password.setName("password");
        transport.setName("transport");
        srtp.setName("srtp");
        dtmf.setName("dtmfMode");
        dtmf.setRenderer(new javax.swing.DefaultListCellRenderer() {
            @Override
            public java.awt.Component getListCellRendererComponent(javax.swing.JList<?> l, Object v, int i,
                                                                   boolean s, boolean f) {
                return super.getListCellRendererComponent(l, msg.get("account.dtmf." + v), i, s, f);
            }
        });
        srtp.setRenderer(new javax.swing.DefaultListCellRenderer() {
            @Override
            public java.awt.Component getListCellRendererComponent(javax.swing.JList<?> l, Object v, int i,
                                                                   boolean s, boolean f) {
                return super.getListCellRendererComponent(l, msg.get("account.srtp." + v), i, s, f);
            }
        });
        server.putClientProperty("JTextField.placeholderText", msg.get("account.server.placeholder"));
        displayName.putClientProperty("JTextField.placeholderText", msg.get("account.optional"));
        authUser.putClientProperty("JTextField.placeholderText", msg.get("account.authUser.placeholder"));
        outboundProxy.putClientProperty("JTextField.placeholderText", msg.get("account.outboundProxy.placeholder"));
        fill(current);
        transport.addActionListener(e -> {
            // follow the transport's default port unless the user typed another one
            String p = port.getText().strip();
            boolean tls = "TLS".equals(transport.getSelectedItem());
            if (p.equals("5060") && tls) {
                port.setText("5061");
            } else if (p.equals("5061") && !tls) {
                port.setText("5060");
            }
        });

        // columns: labels (right-aligned), inputs (grow); rows follow the fields, each with an error line under it
        JPanel p = new JPanel(new MigLayout("insets dialog, wrap 2, hidemode 3", "[right][grow,fill]", ""));
        row(p, "account.server", server, Field.SERVER);
        JPanel portRow = new JPanel(new MigLayout("insets 0", "[][]unrel[][grow]"));
        portRow.add(port);
        portRow.add(new JLabel(msg.get("account.transport")), "gapleft unrel");
        portRow.add(transport);
        row(p, "account.port", portRow, Field.PORT);
        inputs.put(Field.PORT, port);
        row(p, "account.user", user, Field.USER);
        row(p, "account.password", password, Field.PASSWORD);
        row(p, "account.displayName", displayName, Field.DISPLAY_NAME);

        JToggleButton advanced = new JToggleButton(msg.get("account.advanced"));
        advanced.setName("advancedToggle");
        advanced.putClientProperty("JButton.buttonType", "borderless");
        p.add(advanced, "span 2, left, gaptop para");
        JPanel adv = new JPanel(new MigLayout("insets 0, wrap 2, hidemode 3", "[right][grow,fill]", ""));
        row(adv, "account.authUser", authUser, Field.AUTH_USER);
        row(adv, "account.outboundProxy", outboundProxy, Field.OUTBOUND_PROXY);
        row(adv, "account.expires", expires, Field.EXPIRES);
        adv.add(new JLabel(msg.get("account.srtp")));
        adv.add(srtp, "growx 0");
        row(adv, "account.codecs", codecs, Field.CODECS);
        adv.add(new JLabel(msg.get("account.codecs.hint", String.join(", ", knownCodecs))), "skip 1");
        adv.add(new JLabel(msg.get("account.dtmf")));
        adv.add(dtmf, "growx 0");
        adv.setVisible(false);
        advanced.addActionListener(e -> {
            adv.setVisible(advanced.isSelected());
            pack();
        });
        p.add(adv, "span 2, growx");

        JButton save = new JButton(msg.get("account.save"));
        save.setName("saveAccount");
        save.addActionListener(e -> save(adv, advanced));
        JButton cancel = new JButton(msg.get("dialog.cancel"));
        cancel.addActionListener(e -> dispose());
        p.add(new JSeparator(), "span 2, growx, gaptop para");
        p.add(save, "span 2, split 2, right, tag ok");
        p.add(cancel, "tag cancel");
        getRootPane().setDefaultButton(save);
        setContentPane(p);
        pack();
        setLocationRelativeTo(owner);
    }

    private void fill(Account a) {
        if (a == null) {
            port.setText("5060");
            expires.setText("600");
            srtp.setSelectedItem("optional");
            codecs.setText(String.join(", ", knownCodecs.contains("PCMA") && knownCodecs.contains("PCMU")
                    ? List.of("PCMU", "PCMA") : knownCodecs));
            return;
        }
        server.setText(a.server());
        port.setText(Integer.toString(a.port()));
        transport.setSelectedItem(a.transport().toUpperCase(java.util.Locale.ROOT));
        user.setText(a.user());
        password.setText(a.password());
        displayName.setText(a.displayName() == null ? "" : a.displayName());
        authUser.setText(a.authUser() == null ? "" : a.authUser());
        outboundProxy.setText(a.outboundProxy() == null ? "" : a.outboundProxy());
        expires.setText(Integer.toString(a.expires()));
        srtp.setSelectedItem(a.srtp());
        codecs.setText(String.join(", ", a.codecs()));
        dtmf.setSelectedItem(a.dtmfMode());
    }

    private void save(JPanel adv, JToggleButton advanced) {
        AccountForm.Result r = AccountForm.check(server.getText(), port.getText(), (String) transport.getSelectedItem(),
                user.getText(), new String(password.getPassword()), displayName.getText(), authUser.getText(),
                expires.getText(), (String) srtp.getSelectedItem(), codecs.getText(), (String) dtmf.getSelectedItem(),
                outboundProxy.getText(), knownCodecs);
        for (Field f : Field.values()) {
            JLabel err = errors.get(f);
            String key = r.errors().get(f);
            err.setText(key == null ? "" : msg.get(key));
            err.setVisible(key != null);
            inputs.get(f).putClientProperty("JComponent.outline", key == null ? null : "error");
        }
        if (!r.ok()) {
            Field first = r.errors().keySet().iterator().next();
            if (first.ordinal() >= Field.AUTH_USER.ordinal() && !advanced.isSelected()) {
                advanced.doClick();
            }
            inputs.get(first).requestFocusInWindow();
            pack();
            return;
        }
        dispose();
        onSave.accept(r.account());
    }

    private void row(JPanel p, String labelKey, JComponent input, Field f) {
        JLabel l = new JLabel(msg.get(labelKey));
        l.setLabelFor(input);
        p.add(l);
        p.add(input);
        JLabel err = new JLabel();
        err.setName("error-" + f.name().toLowerCase(java.util.Locale.ROOT));
        err.setForeground(UIManager.getColor("Component.error.focusedBorderColor"));
        err.setVisible(false);
        p.add(err, "skip 1");
        errors.put(f, err);
        inputs.put(f, input);
    }

    private static JTextField field(String name, int columns) {
        JTextField t = new JTextField(columns);
        t.setName(name);
        return t;
    }
}
