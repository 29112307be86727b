package org.minisip.server.presence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.minisip.server.routing.CallStateListener;

/**
 * Which calls each extension is in, and in which RFC 4235 state, followed from the B2BUA's
 * {@link CallStateListener} calls. Those arrive on SIP threads and are handed to the presence thread; all state
 * here lives on that one thread. After each change, {@code changed} is called (on the presence thread) with the
 * extension whose dialogs changed; a dialog that just ended is still listed as {@code terminated} during that call
 * and dropped right after.
 */
final class ExtensionDialogs implements CallStateListener {
    private final Executor presenceThread;
    private final Consumer<String> changed;
    private final Map<String, CallView> calls = new HashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** One call: the dialog of each extension in it, by extension. */
    private static final class CallView {
        final Map<String, ExtensionDialog> parties = new LinkedHashMap<>();
    }

    ExtensionDialogs(Executor presenceThread, Consumer<String> changed) {
        this.presenceThread = presenceThread;
        this.changed = changed;
    }

    @Override
    public void ringing(String callId, String caller, String callee) {
        run(() -> {
            CallView c = calls.computeIfAbsent(callId, k -> new CallView());
            set(c, callId, caller, true, callee, ExtensionDialog.State.EARLY);
            // forwarding or the next hunt member: whoever else was rung in this call is not any more
            for (String ext : List.copyOf(c.parties.keySet())) {
                if (!ext.equals(caller) && !ext.equals(callee)) {
                    end(c, ext);
                }
            }
            set(c, callId, callee, false, caller, ExtensionDialog.State.EARLY);
        });
    }

    @Override
    public void answered(String callId, String caller, String callee) {
        run(() -> {
            CallView c = calls.computeIfAbsent(callId, k -> new CallView());
            for (String ext : List.copyOf(c.parties.keySet())) {
                if (!ext.equals(caller) && !ext.equals(callee)) {
                    end(c, ext);
                }
            }
            set(c, callId, caller, true, callee, ExtensionDialog.State.CONFIRMED);
            set(c, callId, callee, false, caller, ExtensionDialog.State.CONFIRMED);
        });
    }

    @Override
    public void ended(String callId) {
        run(() -> {
            CallView c = calls.remove(callId);
            if (c != null) {
                for (String ext : List.copyOf(c.parties.keySet())) {
                    end(c, ext);
                }
            }
        });
    }

    /** Presence thread: the dialogs {@code ext} is in now (none when idle). */
    List<ExtensionDialog> of(String ext) {
        List<ExtensionDialog> out = new ArrayList<>();
        for (CallView c : calls.values()) {
            ExtensionDialog d = c.parties.get(ext);
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    /** Presence thread: the dialogs of {@code ext} plus the one that is ending (reported once as terminated). */
    private List<ExtensionDialog> withEnding(String ext, ExtensionDialog ending) {
        List<ExtensionDialog> out = of(ext);
        out.add(ending);
        return out;
    }

    private ExtensionDialog ending;
    private String endingExt;

    /** Presence thread: the dialogs to report for {@code ext} during a {@code changed} call. */
    List<ExtensionDialog> report(String ext) {
        return ending != null && ext.equals(endingExt) ? withEnding(ext, ending) : of(ext);
    }

    private void set(CallView c, String callId, String ext, boolean initiator, String peer,
                     ExtensionDialog.State state) {
        if (ext == null) {
            return;
        }
        ExtensionDialog old = c.parties.get(ext);
        if (old != null && old.state() == state && old.initiator() == initiator
                && java.util.Objects.equals(old.peer(), peer)) {
            return;
        }
        String id = old != null ? old.id() : "d" + Long.toHexString(ids.incrementAndGet());
        c.parties.put(ext, new ExtensionDialog(id, callId, initiator, peer, state));
        changed.accept(ext);
    }

    private void end(CallView c, String ext) {
        ExtensionDialog d = c.parties.remove(ext);
        if (d == null) {
            return;
        }
        ending = d.with(ExtensionDialog.State.TERMINATED);
        endingExt = ext;
        try {
            changed.accept(ext);
        } finally {
            ending = null;
            endingExt = null;
        }
    }

    private void run(Runnable r) {
        try {
            presenceThread.execute(r);
        } catch (RejectedExecutionException e) {
            // server shutting down: nobody to notify
        }
    }
}
