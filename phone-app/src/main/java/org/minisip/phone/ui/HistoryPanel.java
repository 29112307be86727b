package org.minisip.phone.ui;

import java.awt.Component;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.UIManager;
import javax.swing.table.AbstractTableModel;
import javax.swing.table.DefaultTableCellRenderer;
import net.miginfocom.swing.MigLayout;
import org.minisip.phone.config.HistoryEntry;

/**
 * The call history, newest first: direction icon, name/number, time, duration. Missed calls are red. Double-click or
 * "Call back" dials the selected entry's number. EDT only.
 */
final class HistoryPanel extends JPanel {
    private final Messages msg;
    private final Model model;
    private final JTable table;

    HistoryPanel(Messages msg, Consumer<String> callBack) {
        // one column that fills; rows: the table grows, the button row keeps its size
        super(new MigLayout("insets 0, wrap 1", "[grow,fill]", "[grow,fill][]"));
        this.msg = msg;
        model = new Model();
        table = new JTable(model);
        table.setName("historyTable");
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setShowHorizontalLines(true);
        table.setFillsViewportHeight(true);
        table.getTableHeader().setReorderingAllowed(false);
        table.setDefaultRenderer(Object.class, new Renderer());
        table.getColumnModel().getColumn(0).setMaxWidth(table.getRowHeight() * 2);
        // about 34 characters wide and 8 rows high in the current font, so it scales with the UI (no pixel sizes)
        int em = table.getFontMetrics(table.getFont()).charWidth('M');
        table.setPreferredScrollableViewportSize(new java.awt.Dimension(em * 34, table.getRowHeight() * 8));
        JButton callButton = new JButton(msg.get("history.callBack"), Icons.get("call"));
        callButton.setName("callBackButton");
        callButton.setEnabled(false);
        table.getSelectionModel().addListSelectionListener(e -> callButton.setEnabled(table.getSelectedRow() >= 0));
        Runnable dialSelected = () -> {
            int row = table.getSelectedRow();
            if (row >= 0) {
                callBack.accept(model.entries.get(table.convertRowIndexToModel(row)).peer());
            }
        };
        callButton.addActionListener(e -> dialSelected.run());
        table.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2 && table.rowAtPoint(e.getPoint()) >= 0) {
                    dialSelected.run();
                }
            }
        });
        add(new JScrollPane(table));
        add(callButton, "right");
    }

    void setEntries(List<HistoryEntry> entries) {
        model.entries = new ArrayList<>(entries);
        model.fireTableDataChanged();
    }

    JTable table() {
        return table;
    }

    private final class Model extends AbstractTableModel {
        private List<HistoryEntry> entries = new ArrayList<>();
        private final DateTimeFormatter time = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
                .withLocale(msg.locale()).withZone(ZoneId.systemDefault());

        @Override
        public int getRowCount() {
            return entries.size();
        }

        @Override
        public int getColumnCount() {
            return 4;
        }

        @Override
        public String getColumnName(int c) {
            return msg.get(switch (c) {
                case 0 -> "history.col.type";
                case 1 -> "history.col.peer";
                case 2 -> "history.col.time";
                default -> "history.col.duration";
            });
        }

        @Override
        public Object getValueAt(int r, int c) {
            HistoryEntry e = entries.get(r);
            return switch (c) {
                case 0 -> e.direction();
                case 1 -> e.peerName() == null || e.peerName().isBlank() ? e.peer() : e.peerName() + " <" + e.peer()
                        + ">";
                case 2 -> time.format(e.start());
                default -> e.durationSeconds() > 0 ? CallTimer.format(e.durationSeconds())
                        : msg.get("history.result", result(e.result()));
            };
        }
    }

    /** A call's outcome in the UI's language: the engine's words (cancelled, rejected …) translated, SIP reasons as sent. */
    private String result(String r) {
        return r == null ? "" : msg.getOr("history.word." + r, r);
    }

    private final class Renderer extends DefaultTableCellRenderer {
        @Override
        public Component getTableCellRendererComponent(JTable t, Object value, boolean selected, boolean focus,
                                                       int row, int column) {
            JLabel l = (JLabel) super.getTableCellRendererComponent(t, value, selected, focus, row, column);
            HistoryEntry e = model.entries.get(t.convertRowIndexToModel(row));
            boolean missed = e.direction() == HistoryEntry.Direction.MISSED;
            l.setIcon(null);
            if (value instanceof HistoryEntry.Direction d) {
                l.setText("");
                l.setIcon(Icons.get(switch (d) {
                    case INCOMING -> "incoming";
                    case OUTGOING -> "outgoing";
                    case MISSED -> "missed";
                }));
                l.setToolTipText(msg.get("history.dir." + d.name().toLowerCase(java.util.Locale.ROOT)));
                l.setHorizontalAlignment(CENTER);
            } else {
                l.setHorizontalAlignment(LEADING);
                l.setToolTipText(null);
            }
            if (!selected) {
                l.setForeground(missed ? UIManager.getColor("Actions.Red") : t.getForeground());
            }
            return l;
        }
    }
}
