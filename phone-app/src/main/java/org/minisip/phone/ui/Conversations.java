package org.minisip.phone.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.swing.SwingUtilities;
import org.minisip.phone.config.ChatStore;
import org.minisip.phone.config.ChatStore.ChatLine;
import org.minisip.phone.config.Loaded;
import org.minisip.phone.engine.PhoneEngine;
import org.minisip.phone.engine.PhoneEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presenter of instant messages (SIP MESSAGE): keeps every conversation (persisted in {@code chats.json} on the
 * worker thread), turns {@link PhoneEvent.MessageReceived} into a line of the sender's conversation (counted unread
 * until that conversation is on screen) and {@link PhoneEvent.MessageResult} into the status of what we sent, and
 * sends through the account's engine. The tab title shows the unread total. EDT only.
 */
final class Conversations {
    private static final Logger LOG = LoggerFactory.getLogger(Conversations.class);
    /** {@code sip:USER@host…}: an extension-like user part names the partner by number. */
    private static final Pattern EXTENSION_URI = Pattern.compile("(?i)sips?:([0-9*#+]{1,32})@.*");

    private final Messages msg;
    private final Executor worker;
    private final ChatStore store;
    private final Consumer<String> notice;
    private final Consumer<String> title;
    private final ChatPanel panel;
    private final List<ChatLine> lines = new ArrayList<>();
    private final Map<String, Integer> unread = new HashMap<>();
    /** Message id (from {@link PhoneEngine#sendMessage}) → the line it was sent as. */
    private final Map<String, ChatLine> pending = new HashMap<>();
    private PhoneEngine engine;
    private String current;

    /**
     * @param title told the tab title whenever the unread total changes
     */
    Conversations(Messages msg, Executor worker, ChatStore store, Consumer<String> notice, Consumer<String> title) {
        this.msg = msg;
        this.worker = worker;
        this.store = store;
        this.notice = notice;
        this.title = title;
        this.panel = new ChatPanel(msg, this::choose, this::send, this::markRead);
        worker.execute(() -> {
            Loaded<List<ChatLine>> l = store.load();
            SwingUtilities.invokeLater(() -> loaded(l));
        });
    }

    ChatPanel panel() {
        return panel;
    }

    String title() {
        int n = unread.values().stream().mapToInt(Integer::intValue).sum();
        return n > 0 ? msg.get("chat.tab.unread", n) : msg.get("chat.tab");
    }

    void attach(PhoneEngine e) {
        engine = e;
    }

    void detach() {
        engine = null;
    }

    /** Handles the message events; false for any other event. */
    boolean onEvent(PhoneEvent e) {
        if (e instanceof PhoneEvent.MessageReceived m) {
            String peer = partner(m.fromUri());
            lines.add(new ChatLine(peer, Instant.now(), false, m.text(), ""));
            if (current == null) {
                current = peer;
            }
            if (!(peer.equals(current) && panel.isShowing())) {
                unread.merge(peer, 1, Integer::sum);
            }
            changed();
            return true;
        }
        if (e instanceof PhoneEvent.MessageResult r) {
            ChatLine sent = pending.remove(r.messageId());
            if (sent != null) {
                String status = r.status() == 200 ? "delivered" : r.status() == 202 ? "stored"
                        : r.status() < 300 ? "delivered" : "failed " + r.status() + " " + r.reason();
                int i = indexOf(sent);
                if (i >= 0) {
                    lines.set(i, new ChatLine(sent.peer(), sent.at(), true, sent.text(), status));
                    changed();
                }
            }
            return true;
        }
        return false;
    }

    /** The partner's name for a From URI: its number when the user part is one, else the URI without parameters. */
    static String partner(String fromUri) {
        String u = fromUri == null ? "" : fromUri.strip();
        if (u.startsWith("<") && u.contains(">")) {
            u = u.substring(1, u.indexOf('>'));
        }
        Matcher m = EXTENSION_URI.matcher(u);
        if (m.matches()) {
            return m.group(1);
        }
        int semi = u.indexOf(';');
        return semi > 0 ? u.substring(0, semi) : u;
    }

    private void choose(String peer) {
        if (peer == null || peer.isEmpty() || peer.equals(current)) {
            return;
        }
        current = peer;
        markRead();
    }

    private void markRead() {
        if (current != null && panel.isShowing() && unread.remove(current) != null) {
            title.accept(title());
        }
        refresh();
    }

    private void send(String peer, String text) {
        if (engine == null) {
            panel.showError(msg.get("main.error.noSession"));
            return;
        }
        String id;
        try {
            id = engine.sendMessage(peer, text);
        } catch (IllegalArgumentException | IllegalStateException ex) {
            panel.showError(msg.get("chat.error.send", ex.getMessage()));
            return;
        }
        ChatLine line = new ChatLine(peer, Instant.now(), true, text, "sending");
        pending.put(id, line);
        lines.add(line);
        current = peer;
        changed();
    }

    private int indexOf(ChatLine l) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i) == l) {
                return i;
            }
        }
        return -1;
    }

    private void loaded(Loaded<List<ChatLine>> l) {
        if (l.failed()) {
            notice.accept(msg.get("notice.chatsCorrupt", ChatStore.FILE, l.problem(),
                    l.backup() == null ? "-" : l.backup().getFileName()));
        }
        lines.addAll(0, l.value());
        if (current == null && !lines.isEmpty()) {
            current = lines.get(lines.size() - 1).peer();
        }
        refresh();
    }

    private void changed() {
        title.accept(title());
        refresh();
        List<ChatLine> copy = List.copyOf(lines);
        worker.execute(() -> {
            try {
                store.save(copy);
            } catch (java.io.IOException ex) {
                LOG.warn("cannot save {}: {}", ChatStore.FILE, ex.toString());
                SwingUtilities.invokeLater(() -> notice.accept(msg.get("error.saveSettings", ChatStore.FILE,
                        ex.getMessage())));
            }
        });
    }

    private void refresh() {
        LinkedHashSet<String> partners = new LinkedHashSet<>();
        for (int i = lines.size() - 1; i >= 0; i--) {
            partners.add(lines.get(i).peer());
        }
        if (current != null) {
            partners.add(current);
        }
        List<ChatLine> shown = current == null ? List.of()
                : lines.stream().filter(x -> x.peer().equals(current)).toList();
        panel.show(List.copyOf(partners), unread, current, shown);
    }
}
