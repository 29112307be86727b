package org.minisip.phone.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sip.SipException;
import org.minisip.phone.engine.PhoneEngine;
import org.minisip.phone.engine.PhoneEvent;

/**
 * The headless front end: drives one {@link PhoneEngine} through register → call/answer → hang up, prints the state
 * lines of {@link StateLines} on stdout (flushed per line), and turns the outcome into an {@link ExitCode}.
 *
 * <p>Engine events arrive through {@link #onEvent} (any thread, never blocks) and are handled on the thread that
 * calls {@link #run()}. {@link #requestStop()} (Ctrl-C, SIGTERM) is safe from any thread: it hangs up (or cancels)
 * the calls and lets {@link #run()} finish with the status the calls earn.
 */
public final class HeadlessRunner {
    private static final Object STOP = new Object();
    private static final long STOP_GRACE_MS = 5_000;

    private final HeadlessSettings settings;
    private final PrintStream out;
    private final PrintStream err;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private PhoneEngine engine;

    private String outgoingId;
    private String currentIncoming;
    private boolean outgoingAnswered;
    private boolean incomingAnswered;
    private final Map<String, Long> hangupAt = new HashMap<>();
    private long stopDeadline = Long.MAX_VALUE;
    private boolean stopping;

    public HeadlessRunner(HeadlessSettings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    /** Event sink to give the engine: queues and returns. */
    public void onEvent(PhoneEvent e) {
        inbox.add(e);
    }

    /** Asks the phone to hang up and exit; callable from signal handlers and other threads. */
    public void requestStop() {
        inbox.add(STOP);
    }

    /**
     * Runs the phone until its job is done and returns the exit status. Shuts the engine down (hang-up, unregister)
     * before returning; the caller closes it.
     */
    public int run(PhoneEngine phoneEngine) throws InterruptedException {
        this.engine = phoneEngine;
        try {
            engine.start();
        } catch (SipException e) {
            err.println("minisipphone: cannot start SIP: " + e.getMessage());
            return ExitCode.USAGE;
        }
        int status = drive();
        try {
            engine.shutdown().get(STOP_GRACE_MS + 10_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            err.println("minisipphone: unregister did not complete: " + e);
        }
        return status;
    }

    private int drive() throws InterruptedException {
        if (settings.registers()) {
            engine.register();
            Integer failed = awaitRegistration();
            if (failed != null) {
                return failed;
            }
        }
        long registerOnlyUntil = Long.MAX_VALUE;
        if (settings.registerOnly() && settings.duration() != null) {
            registerOnlyUntil = System.nanoTime() + settings.duration().toNanos();
        }
        if (settings.call() != null) {
            try {
                outgoingId = engine.call(settings.call());
            } catch (IllegalArgumentException e) {
                err.println("minisipphone: " + e.getMessage());
                return ExitCode.USAGE;
            }
        }
        while (true) {
            long now = System.nanoTime();
            if (now >= registerOnlyUntil) {
                return ExitCode.OK;
            }
            if (now >= stopDeadline) {
                return outgoingId != null && !outgoingAnswered ? ExitCode.CALL_FAILED : ExitCode.OK;
            }
            hangupDueCalls(now);
            long next = Math.min(Math.min(registerOnlyUntil, stopDeadline), nextHangup());
            long waitMs = next == Long.MAX_VALUE ? 1000 : Math.max(1, Math.min((next - now) / 1_000_000, 1000));
            Object item = inbox.poll(waitMs, TimeUnit.MILLISECONDS);
            if (item == null) {
                continue;
            }
            if (item == STOP) {
                Integer done = stop();
                if (done != null) {
                    return done;
                }
                continue;
            }
            PhoneEvent e = (PhoneEvent) item;
            print(e);
            Integer exit = handle(e);
            if (exit != null) {
                return exit;
            }
        }
    }

    /** Waits for the initial registration result; returns an exit status on failure or stop, null on success. */
    private Integer awaitRegistration() throws InterruptedException {
        while (true) {
            Object item = inbox.take();
            if (item == STOP) {
                return ExitCode.REGISTRATION_FAILED;
            }
            PhoneEvent e = (PhoneEvent) item;
            print(e);
            if (e instanceof PhoneEvent.Registered) {
                return null;
            }
            if (e instanceof PhoneEvent.RegistrationFailed f && f.initial()) {
                return ExitCode.REGISTRATION_FAILED;
            }
        }
    }

    private Integer handle(PhoneEvent e) {
        if (e instanceof PhoneEvent.IncomingCall in) {
            if (settings.autoAnswer() && currentIncoming == null && !stopping) {
                currentIncoming = in.callId();
                engine.answer(in.callId());
            } else {
                engine.reject(in.callId(), 486);
            }
        } else if (e instanceof PhoneEvent.Answered a) {
            if (a.callId().equals(outgoingId)) {
                outgoingAnswered = true;
            } else if (a.callId().equals(currentIncoming)) {
                incomingAnswered = true;
            }
            if (settings.duration() != null && !settings.registerOnly()) {
                hangupAt.put(a.callId(), System.nanoTime() + settings.duration().toNanos());
            }
            if (settings.dtmf() != null) {
                engine.sendDtmf(a.callId(), settings.dtmf());
            }
        } else if (e instanceof PhoneEvent.CallFailed f) {
            return callOver(f.callId(), false);
        } else if (e instanceof PhoneEvent.CallEnded c) {
            return callOver(c.callId(), true);
        }
        return null;
    }

    private Integer callOver(String callId, boolean ended) {
        hangupAt.remove(callId);
        if (callId.equals(outgoingId)) {
            return ended && outgoingAnswered ? ExitCode.OK : ExitCode.CALL_FAILED;
        }
        if (callId.equals(currentIncoming)) {
            boolean wasAnswered = incomingAnswered && ended;
            currentIncoming = null;
            incomingAnswered = false;
            if (settings.duration() == null || stopping) {
                return wasAnswered ? ExitCode.OK : ExitCode.CALL_FAILED;
            }
        }
        return null;
    }

    private Integer stop() {
        if (stopping) {
            return outgoingId != null && !outgoingAnswered ? ExitCode.CALL_FAILED : ExitCode.OK;
        }
        stopping = true;
        boolean active = false;
        if (outgoingId != null) {
            engine.hangup(outgoingId);
            active = true;
        }
        if (currentIncoming != null) {
            engine.hangup(currentIncoming);
            active = true;
        }
        if (!active) {
            return ExitCode.OK;
        }
        stopDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MS);
        return null;
    }

    private void hangupDueCalls(long now) {
        hangupAt.entrySet().removeIf(en -> {
            if (now >= en.getValue()) {
                engine.hangup(en.getKey());
                return true;
            }
            return false;
        });
    }

    private long nextHangup() {
        return hangupAt.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    }

    private void print(PhoneEvent e) {
        StateLines.format(e).ifPresent(line -> {
            out.println(line);
            out.flush();
        });
    }

}
