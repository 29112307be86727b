package org.minisip.phone.ui;

import java.awt.Component;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.function.Consumer;
import javax.swing.DefaultListCellRenderer;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.ListSelectionModel;
import net.miginfocom.swing.MigLayout;
import org.minisip.phone.engine.BlfState;

/**
 * "Watched extensions": one row per extension with a coloured lamp and its state (idle green, ringing amber, busy
 * red, unknown grey), a field to add one, Remove for the selected one; double-click or Enter calls it. EDT only.
 */
final class WatchPanel extends JPanel {
    /** One row. */
    record Row(String extension, BlfState state) {
    }

    private final Messages msg;
    private final DefaultListModel<Row> model = new DefaultListModel<>();
    private final JList<Row> list = new JList<>(model);
    private final JTextField input = new JTextField(8);
    private final JLabel error = new JLabel();

    WatchPanel(Messages msg, Consumer<String> add, Consumer<String> remove, Consumer<String> dial) {
        super(new MigLayout("insets 0, wrap 1, hidemode 3", "[grow,fill]", "[grow,fill]rel[]rel[]"));
        this.msg = msg;
        setName("watchPanel");
        list.setName("watchList");
        list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        list.setCellRenderer(new DefaultListCellRenderer() {
            @Override
            public Component getListCellRendererComponent(JList<?> l, Object value, int index, boolean selected,
                                                          boolean focus) {
                Row r = (Row) value;
                JLabel c = (JLabel) super.getListCellRendererComponent(l, msg.get("watch.row", r.extension(),
                        msg.get("watch.state." + r.state().word())), index, selected, focus);
                c.setIcon(Icons.get(lamp(r.state())));
                return c;
            }
        });
        list.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2 && list.getSelectedValue() != null) {
                    dial.accept(list.getSelectedValue().extension());
                }
            }
        });
        list.getInputMap().put(javax.swing.KeyStroke.getKeyStroke("ENTER"), "dialWatched");
        list.getActionMap().put("dialWatched", new javax.swing.AbstractAction() {
            @Override
            public void actionPerformed(java.awt.event.ActionEvent e) {
                if (list.getSelectedValue() != null) {
                    dial.accept(list.getSelectedValue().extension());
                }
            }
        });
        input.setName("watchInput");
        input.putClientProperty("JTextField.placeholderText", msg.get("watch.placeholder"));
        JButton addButton = new JButton(msg.get("watch.add"));
        addButton.setName("watchAdd");
        Runnable doAdd = () -> {
            String ext = input.getText().trim();
            if (!valid(ext)) {
                error.setText(msg.get("watch.invalid", ext));
                error.setVisible(true);
                return;
            }
            error.setVisible(false);
            input.setText("");
            add.accept(ext);
        };
        addButton.addActionListener(e -> doAdd.run());
        input.addActionListener(e -> doAdd.run());
        JButton removeButton = new JButton(msg.get("watch.remove"));
        removeButton.setName("watchRemove");
        removeButton.setEnabled(false);
        list.addListSelectionListener(e -> removeButton.setEnabled(list.getSelectedValue() != null));
        removeButton.addActionListener(e -> {
            if (list.getSelectedValue() != null) {
                remove.accept(list.getSelectedValue().extension());
            }
        });
        error.setName("watchError");
        error.setIcon(Icons.get("warning"));
        error.setVisible(false);
        add(new JScrollPane(list));
        // one row: the input takes the width, then the two buttons
        JPanel row = new JPanel(new MigLayout("insets 0, gap rel", "[grow,fill][][]"));
        row.add(input);
        row.add(addButton);
        row.add(removeButton);
        add(row);
        add(error);
    }

    static boolean valid(String ext) {
        return ext.matches("[A-Za-z0-9*#+._!~-]{1,64}");
    }

    static String lamp(BlfState s) {
        return switch (s) {
            case IDLE -> "status-green";
            case RINGING -> "status-amber";
            case BUSY -> "status-red";
            case UNKNOWN -> "status-grey";
        };
    }

    /** Shows {@code rows} in order, keeping the selection on the same extension. */
    void setRows(java.util.List<Row> rows) {
        Row selected = list.getSelectedValue();
        model.clear();
        for (Row r : rows) {
            model.addElement(r);
        }
        if (selected != null) {
            for (int i = 0; i < model.size(); i++) {
                if (model.get(i).extension().equals(selected.extension())) {
                    list.setSelectedIndex(i);
                }
            }
        }
    }
}
