package org.minisip.phone.ui;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.TrustManager;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import org.minisip.phone.audio.TonePlayer;
import org.minisip.phone.config.HistoryEntry;
import org.minisip.phone.config.HistoryEntry.Direction;
import org.minisip.phone.config.Settings;
import org.minisip.phone.config.Settings.Account;
import org.minisip.phone.engine.AccountUri;
import org.minisip.phone.engine.OutboundProxy;
import org.minisip.phone.engine.DtmfMode;
import org.minisip.phone.engine.PhoneConfig;
import org.minisip.phone.engine.PhoneEvent;
import org.minisip.sdp.SrtpMode;
import org.minisip.sip.stack.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop phone's presenter: owns the engine session (replaced when the account changes), the call windows and
 * the history, and turns {@link PhoneEvent}s (delivered on the EDT by {@link EventBridge}) into what the windows
 * show. EDT only; anything that may block goes to the worker thread.
 */
final class PhoneController implements MainActions, CallActions {
    private static final Logger LOG = LoggerFactory.getLogger(PhoneController.class);
    private static final int CLOSE_ENDED_CALL_MS = 2500;

    private final UiServices s;
    private final Messages msg;
    private final AtomicReference<X509Certificate[]> rejectedChain = new AtomicReference<>();
    private final Map<String, Call> calls = new LinkedHashMap<>();
    private final List<HistoryEntry> history = new ArrayList<>();
    private Settings settings;
    private MainWindow main;
    private Tray tray;
    private EngineSession session;
    private WatchedExtensions watched;
    private Conversations chats;
    private int generation;
    private int unseenMissed;
    private final TrustPrompt trust;
    private boolean exiting;
    /** Status line per account AOR (several accounts); the default account's is also the main status. */
    private final Map<String, String> accountStatus = new LinkedHashMap<>();
    private String defaultAor;
    private AccountsDialog accountsDialog;

    /** One call as the UI sees it. */
    private static final class Call {
        final String id;
        final Direction direction;
        final String peer;
        final String peerName;
        final Instant start = Instant.now();
        Instant answeredAt;
        CallWindow window;
        IncomingCallWindow incoming;
        String transferTo;

        Call(String id, Direction direction, String peer, String peerName) {
            this.id = id;
            this.direction = direction;
            this.peer = peer;
            this.peerName = peerName;
        }
    }

    PhoneController(UiServices services, Settings settings, List<HistoryEntry> history) {
        this.s = services;
        this.msg = services.msg();
        this.settings = settings;
        this.history.addAll(history);
        this.trust = new TrustPrompt(msg, services, this::error);
    }

    /** Creates and shows the main window; starts the account or, on first run, opens the account set-up. */
    MainWindow show() {
        main = new MainWindow(msg, settings, this);
        main.setHistory(history, 0);
        watched = new WatchedExtensions(msg, s.worker(), new org.minisip.phone.config.WatchListStore(
                s.dataDir().root().resolve(org.minisip.phone.config.WatchListStore.FILE)), this::dial, this::notice);
        main.addTab(msg.get("watch.tab"), Icons.get("status-green"), watched.panel());
        main.addStatusIndicator(watched.indicator());
        chats = new Conversations(msg, s.worker(), new org.minisip.phone.config.ChatStore(
                s.dataDir().root().resolve(org.minisip.phone.config.ChatStore.FILE)), this::notice,
                t -> main.setTabTitle(chats.panel(), t));
        main.addTab(chats.title(), Icons.get("chat"), chats.panel());
        main.setLocationByPlatform(true);
        main.setVisible(true);
        tray = Tray.install(main, msg.get("app.title"));
        if (settings.account() == null) {
            main.showStatus(RegistrationState.NO_ACCOUNT, msg.get("status.noAccount"));
            SwingUtilities.invokeLater(this::editAccount);
        } else {
            applyAccount(settings.account());
        }
        return main;
    }

    MainWindow mainWindow() {
        return main;
    }

    void notice(String text) {
        main.addNotice(text);
    }

    // ---- account and engine ----

    /** (Re)starts the engines of every account; {@code a} is the default one. */
    private void applyAccount(Account a) {
        int gen = ++generation;
        EngineSession old = session;
        session = null;
        watched.detach();
        chats.detach();
        String who = a.user() + "@" + a.server();
        List<Account> all = settings.accounts().isEmpty() ? List.of(a) : settings.accounts();
        accountStatus.clear();
        defaultAor = aor(a);
        status(RegistrationState.REGISTERING, msg.get("status.registering", who));
        s.worker().execute(() -> {
            if (old != null) {
                old.close();
            }
            try {
                List<PhoneConfig> cfgs = new ArrayList<>();
                for (Account x : all) {
                    cfgs.add(config(x));
                }
                EngineSession es = EngineSession.open(cfgs, s.audio(), s.codecs(), new EventBridge(gen, this::onEvent));
                SwingUtilities.invokeLater(() -> {
                    if (gen == generation && !exiting) {
                        session = es;
                        watched.attach(es.engine());
                        chats.attach(es.engine());
                    } else {
                        s.worker().execute(es::close);
                    }
                });
            } catch (Exception e) {
                LOG.warn("cannot start the phone for {}: {}", who, e.toString());
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                SwingUtilities.invokeLater(() -> {
                    if (gen == generation) {
                        status(RegistrationState.FAILED, msg.get("status.startFailed", why));
                    }
                });
            }
        });
    }

    /** Builds the engine config; runs on the worker (reads trusted certificates from disk). */
    private PhoneConfig config(Account a) throws Exception {
        AccountUri acc = AccountUri.parse(a.uri());
        TrustManager[] trust = null;
        if (acc.transport() == Transport.TLS) {
            trust = s.trust().managers(acc.host(), rejectedChain::set);
        }
        return new PhoneConfig(acc, a.password(), a.authUser(), SrtpMode.valueOf(a.srtp().toUpperCase(Locale.ROOT)),
                trust, a.codecs(), 0, null, a.expires(), PhoneConfig.DEFAULT_REGISTER_TIMEOUT, "minisipphone",
                DtmfMode.parse(a.dtmfMode()), 0, a.displayName(),
                a.outboundProxy() == null ? null : OutboundProxy.parse(a.outboundProxy(), acc.transport()));
    }

    private void status(RegistrationState state, String text) {
        main.showStatus(state, text);
        tray.status(msg.get("app.title") + " – " + text);
    }

    // ---- engine events (EDT, via EventBridge) ----

    void onEvent(int gen, PhoneEvent e) {
        if (gen != generation || exiting || watched.onEvent(e) || chats.onEvent(e)) {
            return;
        }
        if (e instanceof PhoneEvent.Registered r) {
            String text = msg.get("status.registered", r.aor().replaceFirst("^sips?:", ""), r.expiresSeconds());
            if (accountStatus(r.aor(), text)) {
                status(RegistrationState.REGISTERED, text);
            }
        } else if (e instanceof PhoneEvent.RegistrationFailed f) {
            String text = msg.get("status.failed", f.status(), f.reason());
            if (accountStatus(f.aor(), text)) {
                status(RegistrationState.FAILED, text);
            }
            X509Certificate[] chain = rejectedChain.getAndSet(null);
            if (chain != null && !trust.isOpen()) {
                SwingUtilities.invokeLater(() -> askTrust(chain[0]));
            }
        } else if (e instanceof PhoneEvent.IncomingCall i) {
            incoming(i);
        } else if (e instanceof PhoneEvent.Ringing r) {
            withCall(r.callId(), c -> {
                if (c.window != null) {
                    c.window.showState(msg.get("call.ringing"));
                }
            });
        } else if (e instanceof PhoneEvent.Answered a) {
            withCall(a.callId(), c -> answered(c, a));
        } else if (e instanceof PhoneEvent.HoldChanged h) {
            withCall(h.callId(), c -> {
                if (c.window != null) {
                    c.window.remoteHold(h.onHold());
                }
            });
        } else if (e instanceof PhoneEvent.Forwarded f) {
            withCall(f.callId(), c -> {
                if (c.window != null) {
                    c.window.forwarded(displayNumber(f.target()));
                }
            });
        } else if (e instanceof PhoneEvent.LocalHoldChanged h) {
            withCall(h.callId(), c -> {
                if (c.window != null) {
                    c.window.localHold(h.held(), null);
                }
            });
        } else if (e instanceof PhoneEvent.HoldFailed h) {
            withCall(h.callId(), c -> {
                if (c.window != null) {
                    c.window.localHold(!h.hold(), msg.get(h.hold() ? "call.holdFailed" : "call.resumeFailed",
                            h.status(), h.reason()));
                }
            });
        } else if (e instanceof PhoneEvent.TransferProgress t) {
            withCall(t.callId(), c -> transferProgress(c, t));
        } else if (e instanceof PhoneEvent.Referred r) {
            referred(r);
        } else if (e instanceof PhoneEvent.Replaced r) {
            replaced(r);
        } else if (e instanceof PhoneEvent.CallFailed f) {
            withCall(f.callId(), c -> finish(c, f.status() + " " + f.reason(), null));
        } else if (e instanceof PhoneEvent.CallEnded ended) {
            withCall(ended.callId(), c -> finish(c, null, ended.reason()));
        }
    }

    private void transferProgress(Call c, PhoneEvent.TransferProgress t) {
        if (c.window == null) {
            return;
        }
        boolean failed = t.finished() && t.status() >= 300;
        String to = c.transferTo == null ? "?" : c.transferTo;
        c.window.transferState(msg.get(failed ? "call.transfer.failed" : "call.transfer.progress", to,
                String.valueOf(t.status()), t.reason()), failed);
    }

    /** The peer transferred us: the engine calls the new target; that call gets its own window. */
    private void referred(PhoneEvent.Referred r) {
        String target = displayNumber(r.target());
        Call c = new Call(r.newCallId(), Direction.OUTGOING, target, null);
        calls.put(c.id, c);
        c.window = new CallWindow(msg, c.id, null, target, this);
        c.window.showState(msg.get("call.referred"));
        c.window.setLocationRelativeTo(main);
        c.window.setVisible(true);
    }

    /**
     * An attended transfer put a new call in place of one of ours (INVITE with Replaces): the engine answers it at
     * once, so it gets a window of its own (no ringing); the old call ends as replaced.
     */
    private void replaced(PhoneEvent.Replaced r) {
        String number = displayNumber(r.fromUri());
        Call c = new Call(r.newCallId(), Direction.INCOMING, number, null);
        calls.put(c.id, c);
        c.window = new CallWindow(msg, c.id, null, number, this);
        c.window.showState(msg.get("call.replacing"));
        c.window.setLocationRelativeTo(main);
        c.window.setVisible(true);
    }

    /** A sound device went away or came back (EDT, via {@link EventBridge#onEdt}). */
    void audioDevice(org.minisip.phone.audio.DeviceEvent e) {
        String text = DeviceNotices.text(msg, e);
        for (Call c : calls.values()) {
            if (c.window != null) {
                c.window.deviceNotice(text);
            }
        }
        if (e.lost()) {
            notice(text);
        }
    }

    /** Records an account's status line; true when it is the default account (shown in the main window). */
    private boolean accountStatus(String aor, String text) {
        if (aor != null) {
            accountStatus.put(aor, text);
        }
        if (accountsDialog != null) {
            accountsDialog.refresh();
        }
        return aor == null || aor.equals(defaultAor);
    }

    private static String aor(Account a) {
        try {
            return AccountUri.parse(a.uri()).aor();
        } catch (IllegalArgumentException e) {
            return a.uri();
        }
    }

    /** Phone > Accounts…: several accounts, the default first. */
    @Override
    public void manageAccounts() {
        if (accountsDialog != null && accountsDialog.isShowing()) {
            accountsDialog.toFront();
            return;
        }
        accountsDialog = new AccountsDialog(main, msg, settings.accounts(), s.codecNames(),
                a -> accountStatus.getOrDefault(aor(a), msg.get("accounts.notRegistered")), all -> {
                    settings = settings.withAccounts(all);
                    saveSettings();
                    if (all.isEmpty()) {
                        stopEngines();
                    } else {
                        applyAccount(all.get(0));
                    }
                });
        accountsDialog.setVisible(true);
    }

    private void stopEngines() {
        generation++;
        EngineSession old = session;
        session = null;
        accountStatus.clear();
        status(RegistrationState.NO_ACCOUNT, msg.get("status.noAccount"));
        if (old != null) {
            s.worker().execute(old::close);
        }
    }

    private void withCall(String id, java.util.function.Consumer<Call> action) {
        Call c = calls.get(id);
        if (c != null) {
            action.accept(c);
        }
    }

    private void incoming(PhoneEvent.IncomingCall i) {
        String number = displayNumber(i.fromUri());
        Call c = new Call(i.callId(), Direction.INCOMING, number, i.displayName());
        calls.put(c.id, c);
        c.incoming = new IncomingCallWindow(msg, c.peerName, number, () -> {
            if (session != null) {
                session.engine().answer(c.id);
            }
        }, () -> {
            if (session != null) {
                session.engine().reject(c.id, 486);
            }
        });
        c.incoming.present();
        String ringer = settings.audio().ringer();
        s.worker().execute(() -> s.ringer().start(ringer, TonePlayer.Pattern.RING));
        tray.notify(msg.get("incoming.title"), c.peerName == null ? number : c.peerName + " <" + number + ">");
    }

    private void answered(Call c, PhoneEvent.Answered a) {
        c.answeredAt = Instant.now();
        if (c.incoming != null) {
            stopRinging();
            c.incoming.dispose();
            c.incoming = null;
        }
        if (c.window == null) {
            c.window = new CallWindow(msg, c.id, c.peerName, c.peer, this);
            c.window.setLocationRelativeTo(main);
            c.window.setVisible(true);
        }
        c.window.answered(c.answeredAt, a.codec(), a.srtp());
    }

    private void finish(Call c, String failure, PhoneEvent.EndReason reason) {
        calls.remove(c.id);
        if (c.incoming != null) {
            stopRinging();
            c.incoming.dispose();
        }
        Direction dir = c.direction;
        String result;
        if (c.answeredAt != null) {
            result = "answered";
        } else if (failure != null) {
            result = failure;
        } else {
            result = reason.word();
        }
        if (dir == Direction.INCOMING && c.answeredAt == null && reason != PhoneEvent.EndReason.REJECTED) {
            dir = Direction.MISSED;
            unseenMissed++;
        }
        long secs = c.answeredAt == null ? 0 : Duration.between(c.answeredAt, Instant.now()).getSeconds();
        history.add(0, new HistoryEntry(c.start, dir, c.peer, c.peerName, secs, result));
        main.setHistory(history, unseenMissed);
        saveHistory();
        if (c.window != null) {
            String text = failure != null ? msg.get("call.failed", failure)
                    : msg.get("call.ended." + reason.word());
            c.window.ended(text);
            CallWindow w = c.window;
            Timer t = new Timer(CLOSE_ENDED_CALL_MS, ev -> w.dispose());
            t.setRepeats(false);
            t.start();
        }
        if (calls.isEmpty()) {
            s.audio().setMuted(false);
        }
    }

    private void stopRinging() {
        s.worker().execute(() -> s.ringer().stop());
    }

    /** {@code sip:100@host} → {@code 100}; other URIs are shown whole. */
    static String displayNumber(String uri) {
        if (uri == null) {
            return "?";
        }
        String u = uri.replaceFirst("^<|>$", "");
        if (u.regionMatches(true, 0, "sip:", 0, 4) || u.regionMatches(true, 0, "sips:", 0, 5)) {
            String rest = u.substring(u.indexOf(':') + 1);
            int at = rest.indexOf('@');
            return at > 0 ? rest.substring(0, at) : rest.replaceFirst(";.*", "");
        }
        if (u.regionMatches(true, 0, "tel:", 0, 4)) {
            return u.substring(4).replaceFirst(";.*", "");
        }
        return u;
    }

    // ---- TLS trust ----

    private void askTrust(X509Certificate cert) {
        Account a = settings.account();
        if (a != null && !exiting) {
            trust.ask(main, a, cert, () -> applyAccount(a));
        }
    }

    private void error(String text) {
        SwingUtilities.invokeLater(() -> JOptionPane.showMessageDialog(main, text, msg.get("app.title"),
                JOptionPane.ERROR_MESSAGE));
    }

    // ---- MainActions ----

    @Override
    public void dial(String typed) {
        String target = DialTarget.normalize(typed);
        if (target == null) {
            JOptionPane.showMessageDialog(main, msg.get("main.error.badNumber", typed == null ? "" : typed.strip()),
                    msg.get("app.title"), JOptionPane.WARNING_MESSAGE);
            return;
        }
        if (session == null) {
            JOptionPane.showMessageDialog(main, msg.get("main.error.noSession"), msg.get("app.title"),
                    JOptionPane.WARNING_MESSAGE);
            return;
        }
        String id;
        try {
            id = session.engine().call(target);
        } catch (IllegalArgumentException | IllegalStateException e) {
            JOptionPane.showMessageDialog(main, msg.get("main.error.callFailed", e.getMessage()),
                    msg.get("app.title"), JOptionPane.WARNING_MESSAGE);
            return;
        }
        Call c = new Call(id, Direction.OUTGOING, target, null);
        calls.put(id, c);
        c.window = new CallWindow(msg, id, null, target, this);
        c.window.showState(msg.get("call.calling"));
        c.window.setLocationRelativeTo(main);
        c.window.setVisible(true);
        main.setNumber("");
        settings = settings.withLastDialed(target);
        saveSettings();
    }

    @Override
    public void redial() {
        if (settings.lastDialed() == null) {
            return;
        }
        dial(settings.lastDialed());
    }

    @Override
    public void editAccount() {
        new AccountDialog(main, msg, settings.account(), s.codecNames(), a -> {
            settings = settings.withAccount(a);
            saveSettings();
            applyAccount(a);
        }).setVisible(true);
    }

    @Override
    public void audioSettings() {
        new AudioDialog(main, msg, settings.audio(), s.worker(), s.audio(), chosen -> {
            settings = settings.withAudio(chosen);
            saveSettings();
            s.worker().execute(() -> s.audio().setDelegate(s.devices().apply(chosen)));
        }).setVisible(true);
    }

    @Override
    public void setTheme(String theme) {
        settings = settings.withTheme(theme);
        saveSettings();
        s.worker().execute(() -> {
            boolean dark = Theme.dark(theme);
            SwingUtilities.invokeLater(() -> Theme.install(dark));
        });
    }

    @Override
    public void setLanguage(String language) {
        settings = settings.withLanguage(language);
        saveSettings();
        Messages next = Messages.forSetting(language, Locale.getDefault());
        JOptionPane.showMessageDialog(main, next.get("language.restart"), msg.get("app.title"),
                JOptionPane.INFORMATION_MESSAGE);
    }

    @Override
    public void historyViewed() {
        if (unseenMissed > 0) {
            unseenMissed = 0;
            main.setHistory(history, 0);
        }
    }

    @Override
    public void exit() {
        if (!calls.isEmpty() && JOptionPane.showConfirmDialog(main, msg.get("exit.confirmCalls"),
                msg.get("app.title"), JOptionPane.OK_CANCEL_OPTION) != JOptionPane.OK_OPTION) {
            return;
        }
        shutdown(() -> s.exit().accept(0));
    }

    /** Closes every window and, on the worker, hangs up, unregisters and stops the engine; then runs {@code then}. */
    void shutdown(Runnable then) {
        exiting = true;
        for (Call c : calls.values()) {
            if (c.window != null) {
                c.window.dispose();
            }
            if (c.incoming != null) {
                c.incoming.dispose();
            }
        }
        tray.remove();
        main.dispose();
        EngineSession es = session;
        session = null;
        s.worker().execute(() -> {
            s.ringer().stop();
            if (es != null) {
                es.close();
            }
            then.run();
        });
    }

    private void saveSettings() {
        Settings snapshot = settings;
        s.worker().execute(() -> {
            try {
                s.settingsStore().save(snapshot);
            } catch (IOException e) {
                LOG.warn("cannot save settings: {}", e.toString());
                error(msg.get("error.saveSettings", s.settingsStore().file(), e.getMessage()));
            }
        });
    }

    private void saveHistory() {
        List<HistoryEntry> snapshot = List.copyOf(history);
        s.worker().execute(() -> {
            try {
                s.historyStore().save(snapshot);
            } catch (IOException e) {
                LOG.warn("cannot save history: {}", e.toString());
            }
        });
    }

    // ---- CallActions ----

    @Override
    public void hangup(String callId) {
        if (session != null) {
            session.engine().hangup(callId);
        }
    }

    @Override
    public void sendDtmf(String callId, char digit) {
        if (session != null) {
            session.engine().sendDtmf(callId, String.valueOf(digit));
        }
    }

    @Override
    public void setMuted(boolean muted) {
        s.audio().setMuted(muted);
    }

    @Override
    public void setVolume(int percent) {
        s.audio().setGain(percent / 100f);
    }

    @Override
    public void transfer(String callId, String typed) {
        Call c = calls.get(callId);
        String target = DialTarget.normalize(typed);
        if (c == null || c.window == null || session == null) {
            return;
        }
        if (target == null) {
            c.window.transferState(msg.get("call.transfer.bad", typed, msg.get("main.error.badNumber", typed)), true);
            return;
        }
        try {
            session.engine().transfer(callId, target);
        } catch (IllegalArgumentException e) {
            c.window.transferState(msg.get("call.transfer.bad", target, e.getMessage()), true);
            return;
        }
        c.transferTo = target;
        c.window.transferState(msg.get("call.transfer.sent", target), false);
    }

    @Override
    public Map<String, String> otherCalls(String callId) {
        Map<String, String> others = new LinkedHashMap<>();
        for (Call c : calls.values()) {
            if (!c.id.equals(callId) && c.answeredAt != null) {
                others.put(c.id, c.peerName == null ? c.peer : c.peerName + " <" + c.peer + ">");
            }
        }
        return others;
    }

    @Override
    public void attendedTransfer(String callId, String otherCallId) {
        Call c = calls.get(callId);
        Call other = calls.get(otherCallId);
        if (c == null || other == null || c.window == null || session == null) {
            return;
        }
        c.transferTo = other.peer;
        session.engine().attendedTransfer(callId, otherCallId);
        c.window.transferState(msg.get("call.transfer.sent", other.peer), false);
    }

    @Override
    public boolean canHold() {
        return true;
    }

    @Override
    public void hold(String callId, boolean hold) {
        if (session == null) {
            return;
        }
        if (hold) {
            session.engine().hold(callId);
        } else {
            session.engine().resume(callId);
        }
    }
}
