package org.minisip.phone.ui;

import java.awt.Component;
import java.awt.event.HierarchyEvent;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.swing.DefaultComboBoxModel;
import javax.swing.DefaultListCellRenderer;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import net.miginfocom.swing.MigLayout;
import org.minisip.phone.config.ChatStore.ChatLine;

/**
 * "Messages": the conversation partner (pick one, or type a number / {@code sip:} address for a new one; partners
 * with unread messages are marked), the conversation with them oldest first (who, time, text, and for what we sent
 * whether it was delivered, stored by the server for later, or refused), and a field with Send (Enter sends). EDT
 * only; the presenter ({@link Conversations}) supplies the lines.
 */
final class ChatPanel extends JPanel {
    private final Messages msg;
    private final DefaultComboBoxModel<String> peers = new DefaultComboBoxModel<>();
    private final JComboBox<String> peerBox = new JComboBox<>(peers);
    private final DefaultListModel<ChatLine> model = new DefaultListModel<>();
    private final JList<ChatLine> transcript = new JList<>(model);
    private final JTextField input = new JTextField();
    private final JLabel error = new JLabel();
    private final DateTimeFormatter time;
    private Map<String, Integer> unread = Map.of();
    private boolean updating;

    ChatPanel(Messages msg, Consumer<String> peerChosen, BiConsumer<String, String> send, Runnable shown) {
        super(new MigLayout("insets 0, wrap 1, hidemode 3", "[grow,fill]", "[]rel[grow,fill]rel[]rel[]"));
        this.msg = msg;
        this.time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(msg.locale())
                .withZone(ZoneId.systemDefault());
        setName("chatPanel");
        peerBox.setName("chatPeer");
        peerBox.setEditable(true);
        peerBox.putClientProperty("JTextField.placeholderText", msg.get("chat.peer.placeholder"));
        peerBox.setRenderer(new DefaultListCellRenderer() {
            @Override
            public Component getListCellRendererComponent(JList<?> l, Object value, int index, boolean selected,
                                                          boolean focus) {
                String p = (String) value;
                int n = p == null ? 0 : unread.getOrDefault(p, 0);
                return super.getListCellRendererComponent(l, n > 0 ? msg.get("chat.peer.unread", p, n) : p, index,
                        selected, focus);
            }
        });
        peerBox.addActionListener(e -> {
            if (!updating) {
                peerChosen.accept(peer());
            }
        });
        transcript.setName("chatTranscript");
        transcript.setCellRenderer(new DefaultListCellRenderer() {
            @Override
            public Component getListCellRendererComponent(JList<?> l, Object value, int index, boolean selected,
                                                          boolean focus) {
                ChatLine c = (ChatLine) value;
                JLabel label = (JLabel) super.getListCellRendererComponent(l, line(c), index, selected, focus);
                label.setToolTipText(c.text());
                return label;
            }
        });
        input.setName("chatInput");
        input.putClientProperty("JTextField.placeholderText", msg.get("chat.input.placeholder"));
        JButton sendButton = new JButton(msg.get("chat.send"), Icons.get("send"));
        sendButton.setName("chatSend");
        Runnable doSend = () -> {
            String to = peer();
            String text = input.getText();
            if (to.isEmpty() || text.isBlank()) {
                showError(msg.get(to.isEmpty() ? "chat.error.noPeer" : "chat.error.empty"));
                return;
            }
            error.setVisible(false);
            input.setText("");
            send.accept(to, text.strip());
        };
        sendButton.addActionListener(e -> doSend.run());
        input.addActionListener(e -> doSend.run());
        error.setName("chatError");
        error.setIcon(Icons.get("warning"));
        error.setVisible(false);
        addHierarchyListener(e -> {
            if ((e.getChangeFlags() & HierarchyEvent.SHOWING_CHANGED) != 0 && isShowing()) {
                shown.run();
            }
        });
        add(peerBox);
        add(new JScrollPane(transcript));
        // one row: the text takes the width, then Send
        JPanel row = new JPanel(new MigLayout("insets 0, gap rel", "[grow,fill][]"));
        row.add(input);
        row.add(sendButton);
        add(row);
        add(error);
    }

    /** The partner typed or picked, trimmed ("" when none). */
    String peer() {
        Object o = peerBox.isEditable() ? peerBox.getEditor().getItem() : peerBox.getSelectedItem();
        return o == null ? "" : o.toString().strip();
    }

    void showError(String text) {
        error.setText(text);
        error.setVisible(true);
    }

    /** Shows {@code partners} (most recent first) with their unread counts, {@code current} selected, and its lines. */
    void show(List<String> partners, Map<String, Integer> unreadCounts, String current, List<ChatLine> lines) {
        updating = true;
        try {
            unread = Map.copyOf(unreadCounts);
            peers.removeAllElements();
            peers.addAll(partners);
            if (current != null) {
                peers.setSelectedItem(current);
                peerBox.getEditor().setItem(current);
            }
            model.clear();
            model.addAll(lines);
            if (!lines.isEmpty()) {
                transcript.ensureIndexIsVisible(lines.size() - 1);
            }
        } finally {
            updating = false;
        }
        peerBox.repaint();
    }

    private String line(ChatLine c) {
        String when = time.format(c.at());
        if (!c.outgoing()) {
            return msg.get("chat.line.in", c.peer(), when, c.text());
        }
        String st = c.status() == null ? "" : c.status();
        String status = st.startsWith("failed") ? msg.get("chat.status.failed", st.substring(6).strip())
                : msg.get("chat.status." + (st.isEmpty() ? "sending" : st));
        return msg.get("chat.line.out", when, c.text(), status);
    }
}
