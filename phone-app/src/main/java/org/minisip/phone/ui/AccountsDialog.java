package org.minisip.phone.ui;

import java.awt.Component;
import java.awt.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.swing.DefaultListCellRenderer;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.ListSelectionModel;
import javax.swing.WindowConstants;
import net.miginfocom.swing.MigLayout;
import org.minisip.phone.config.Settings.Account;

/**
 * Several accounts: the list (default first, each with its registration status line), Add / Edit / Remove / Set as
 * default. Every change is handed to {@code onChange} at once (the controller saves and re-registers). EDT only.
 */
final class AccountsDialog extends JDialog {
    private final Messages msg;
    private final List<String> knownCodecs;
    private final Function<Account, String> statusOf;
    private final Consumer<List<Account>> onChange;
    private final DefaultListModel<Account> model = new DefaultListModel<>();
    private final JList<Account> list = new JList<>(model);

    AccountsDialog(Window owner, Messages msg, List<Account> accounts, List<String> knownCodecs,
                   Function<Account, String> statusOf, Consumer<List<Account>> onChange) {
        super(owner, msg.get("accounts.title"), ModalityType.MODELESS);
        this.msg = msg;
        this.knownCodecs = knownCodecs;
        this.statusOf = statusOf;
        this.onChange = onChange;
        setName("accountsDialog");
        setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        accounts.forEach(model::addElement);
        list.setName("accountList");
        list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        list.setVisibleRowCount(5);
        list.setCellRenderer(new DefaultListCellRenderer() {
            @Override
            public Component getListCellRendererComponent(JList<?> l, Object v, int i, boolean sel, boolean foc) {
                Account a = (Account) v;
                String head = a.user() + "@" + a.server() + ":" + a.port() + " · "
                        + a.transport().toUpperCase(Locale.ROOT) + " · " + msg.get("account.srtp." + a.srtp())
                        + (i == 0 ? " · " + msg.get("accounts.default") : "");
                String text = "<html><b>" + MainWindow.escape(head) + "</b><br>"
                        + MainWindow.escape(statusOf.apply(a)) + "</html>";
                return super.getListCellRendererComponent(l, text, i, sel, foc);
            }
        });
        JButton add = button("accountAdd", "accounts.add");
        JButton edit = button("accountEdit", "accounts.edit");
        JButton remove = button("accountRemove", "accounts.remove");
        JButton makeDefault = button("accountDefault", "accounts.makeDefault");
        JButton close = button("accountsClose", "accounts.close");
        add.addActionListener(e -> new AccountDialog(this, msg, null, knownCodecs, a -> {
            model.addElement(a);
            changed();
        }).setVisible(true));
        edit.addActionListener(e -> {
            int i = list.getSelectedIndex();
            if (i >= 0) {
                new AccountDialog(this, msg, model.get(i), knownCodecs, a -> {
                    model.set(i, a);
                    changed();
                }).setVisible(true);
            }
        });
        remove.addActionListener(e -> {
            int i = list.getSelectedIndex();
            if (i >= 0) {
                model.remove(i);
                changed();
            }
        });
        makeDefault.addActionListener(e -> {
            int i = list.getSelectedIndex();
            if (i > 0) {
                Account a = model.remove(i);
                model.add(0, a);
                list.setSelectedIndex(0);
                changed();
            }
        });
        close.addActionListener(e -> dispose());

        // columns: the list grows, the buttons keep their width in one column on the right
        JPanel p = new JPanel(new MigLayout("insets dialog, wrap 2", "[grow,fill][fill]", "[][][][][grow][]"));
        p.add(new JLabel(msg.get("accounts.hint")), "span 2");
        p.add(new JScrollPane(list), "spany 4, grow, wmin 30sp");
        p.add(add);
        p.add(edit);
        p.add(remove);
        p.add(makeDefault, "aligny top");
        p.add(close, "skip 1, tag ok");
        setContentPane(p);
        pack();
        setLocationRelativeTo(owner);
    }

    /** Registration status changed: repaint the status lines. */
    void refresh() {
        list.repaint();
    }

    private void changed() {
        List<Account> all = new ArrayList<>();
        for (int i = 0; i < model.size(); i++) {
            all.add(model.get(i));
        }
        onChange.accept(List.copyOf(all));
        pack();
    }

    private JButton button(String name, String key) {
        JButton b = new JButton(msg.get(key));
        b.setName(name);
        return b;
    }
}
