package org.minisip.phone.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.SwingUtilities;
import org.minisip.phone.config.Loaded;
import org.minisip.phone.config.WatchListStore;
import org.minisip.phone.engine.BlfState;
import org.minisip.phone.engine.PhoneEngine;
import org.minisip.phone.engine.PhoneEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presenter of the busy lamp field and the message-waiting indicator: keeps the watched extensions (persisted in
 * {@code watched.json} on the worker thread), subscribes them on the account's engine when a session starts, and
 * turns {@link PhoneEvent.ExtensionState}, {@link PhoneEvent.MessageWaiting} and
 * {@link PhoneEvent.SubscriptionFailed} into the {@link WatchPanel} rows and the status-bar indicator. EDT only.
 */
final class WatchedExtensions {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedExtensions.class);

    private final Messages msg;
    private final Executor worker;
    private final WatchListStore store;
    private final Map<String, BlfState> states = new LinkedHashMap<>();
    private final WatchPanel panel;
    private final JLabel mwi = new JLabel();
    private final Consumer<String> notice;
    private PhoneEngine engine;
    private boolean loaded;

    WatchedExtensions(Messages msg, Executor worker, WatchListStore store, Consumer<String> dial,
                      Consumer<String> notice) {
        this.msg = msg;
        this.worker = worker;
        this.store = store;
        this.notice = notice;
        this.panel = new WatchPanel(msg, this::add, this::remove, dial);
        mwi.setName("mwiIndicator");
        mwi.setIcon(Icons.get("voicemail"));
        mwi.setVisible(false);
        worker.execute(() -> {
            Loaded<List<String>> l = store.load();
            SwingUtilities.invokeLater(() -> loaded(l));
        });
    }

    JComponent panel() {
        return panel;
    }

    /** The message-waiting indicator for the status bar (hidden while no message waits). */
    JLabel indicator() {
        return mwi;
    }

    /** A new engine session: subscribe every watched extension and our mailbox there. */
    void attach(PhoneEngine e) {
        engine = e;
        if (loaded) {
            states.keySet().forEach(this::watchOnEngine);
        }
        try {
            e.subscribeMwi();
        } catch (IllegalArgumentException | IllegalStateException ex) {
            LOG.debug("no message-waiting subscription: {}", ex.getMessage());
        }
    }

    /** The session ends (account changed, quitting): lamps go unknown, the indicator off. */
    void detach() {
        engine = null;
        states.replaceAll((k, v) -> BlfState.UNKNOWN);
        mwi.setVisible(false);
        refresh();
    }

    /** Handles the presence events; false for any other event. */
    boolean onEvent(PhoneEvent e) {
        if (e instanceof PhoneEvent.ExtensionState x) {
            if (states.containsKey(x.extension())) {
                states.put(x.extension(), x.state());
                refresh();
            }
            return true;
        }
        if (e instanceof PhoneEvent.MessageWaiting m) {
            showMwi(m);
            return true;
        }
        if (e instanceof PhoneEvent.SubscriptionFailed f) {
            LOG.info("subscription to {} of {} failed: {} {}", f.event(), f.target(), f.status(), f.reason());
            return true;
        }
        return false;
    }

    private void showMwi(PhoneEvent.MessageWaiting m) {
        if (!m.waiting()) {
            mwi.setVisible(false);
            return;
        }
        String text = m.newMessages() >= 0 ? msg.get("mwi.count", m.newMessages()) : msg.get("mwi.waiting");
        mwi.setText(text);
        mwi.setToolTipText(m.newMessages() >= 0 ? msg.get("mwi.tooltip", m.newMessages(), m.oldMessages()) : text);
        mwi.setVisible(true);
    }

    private void loaded(Loaded<List<String>> l) {
        if (l.failed()) {
            notice.accept(msg.get("notice.watchCorrupt", WatchListStore.FILE, l.problem(),
                    l.backup() == null ? "-" : l.backup().getFileName()));
        }
        for (String ext : l.value()) {
            if (WatchPanel.valid(ext)) {
                states.putIfAbsent(ext, BlfState.UNKNOWN);
            }
        }
        loaded = true;
        refresh();
        if (engine != null) {
            states.keySet().forEach(this::watchOnEngine);
        }
    }

    private void add(String ext) {
        if (states.containsKey(ext)) {
            return;
        }
        states.put(ext, BlfState.UNKNOWN);
        refresh();
        save();
        watchOnEngine(ext);
    }

    private void remove(String ext) {
        if (states.remove(ext) != null) {
            refresh();
            save();
            if (engine != null) {
                engine.unwatch(ext);
            }
        }
    }

    private void watchOnEngine(String ext) {
        if (engine == null) {
            return;
        }
        try {
            engine.watch(ext);
        } catch (IllegalArgumentException | IllegalStateException ex) {
            LOG.info("cannot watch {}: {}", ext, ex.getMessage());
        }
    }

    private void save() {
        List<String> list = new ArrayList<>(states.keySet());
        worker.execute(() -> {
            try {
                store.save(list);
            } catch (java.io.IOException ex) {
                LOG.warn("cannot save {}: {}", WatchListStore.FILE, ex.toString());
                SwingUtilities.invokeLater(() -> notice.accept(msg.get("error.saveSettings", WatchListStore.FILE,
                        ex.getMessage())));
            }
        });
    }

    private void refresh() {
        List<WatchPanel.Row> rows = new ArrayList<>();
        states.forEach((k, v) -> rows.add(new WatchPanel.Row(k, v)));
        panel.setRows(rows);
    }
}
