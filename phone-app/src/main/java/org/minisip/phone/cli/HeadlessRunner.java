package org.minisip.phone.cli;

import java.io.PrintStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    private String messageId;
    private String currentIncoming;
    private boolean outgoingAnswered;
    private boolean incomingAnswered;
    /** The consultation call of an attended transfer ({@code consult TARGET}), or null. */
    private String consultId;
    private boolean consultAnswered;
    private final Map<String, Long> hangupAt = new HashMap<>();
    /** Incoming calls waiting for --answer-after, with their due time (System.nanoTime). */
    private final Map<String, Long> answerAt = new HashMap<>();
    /** Timed commands of answered calls, with their due time (System.nanoTime). */
    private final List<Scheduled> scheduled = new ArrayList<>();
    private long stopDeadline = Long.MAX_VALUE;
    private boolean stopping;

    private record Scheduled(String callId, long dueNanos, CallCommand command) {
    }

    /** A line from standard input (--commands) that did not parse. */
    private record BadCommand(String message) {
    }

    public HeadlessRunner(HeadlessSettings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    /**
     * With {@code --commands}: reads command lines from {@code in} on a daemon thread and queues them for the main
     * loop. End of input just stops reading.
     */
    public void readCommands(InputStream in) {
        if (!settings.stdinCommands()) {
            return;
        }
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        inbox.add(CallCommand.parse(line));
                    } catch (UsageException e) {
                        inbox.add(new BadCommand(e.getMessage()));
                    }
                }
            } catch (IOException e) {
                inbox.add(new BadCommand("standard input: " + e.getMessage()));
            }
        }, "phone-stdin");
        t.setDaemon(true);
        t.start();
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
        for (String ext : settings.watch()) {
            engine.watch(ext);
        }
        if (settings.mwi()) {
            engine.subscribeMwi();
        }
        if (settings.messageTo() != null) {
            try {
                messageId = engine.sendMessage(settings.messageTo(), settings.message());
            } catch (IllegalArgumentException e) {
                err.println("minisipphone: --message-to: " + e.getMessage());
                return ExitCode.USAGE;
            }
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
            answerDueCalls(now);
            runDueCommands(now);
            long next = Math.min(Math.min(Math.min(Math.min(registerOnlyUntil, stopDeadline), nextHangup()),
                    nextCommand()), nextAnswer());
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
            if (item instanceof CallCommand c) {
                String call = currentCall();
                if (call == null) {
                    err.println("minisipphone: no call for '" + c.verb().name().toLowerCase(java.util.Locale.ROOT)
                            + "'");
                } else {
                    execute(call, c);
                }
                continue;
            }
            if (item instanceof BadCommand b) {
                err.println("minisipphone: " + b.message());
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

    /**
     * Waits for the initial registration result of every account; returns an exit status when one fails or on stop,
     * null when all are registered.
     */
    private Integer awaitRegistration() throws InterruptedException {
        int waiting = engine.registeringAccounts();
        while (true) {
            Object item = inbox.take();
            if (item == STOP) {
                return ExitCode.REGISTRATION_FAILED;
            }
            PhoneEvent e = (PhoneEvent) item;
            print(e);
            if (e instanceof PhoneEvent.Registered && --waiting == 0) {
                return null;
            }
            if (e instanceof PhoneEvent.RegistrationFailed f && f.initial()) {
                return ExitCode.REGISTRATION_FAILED;
            }
        }
    }

    private Integer handle(PhoneEvent e) {
        String eventCall = StateLines.callIdOf(e);
        if (eventCall != null && eventCall.equals(consultId)) {
            return consultEvent(e);
        }
        if (e instanceof PhoneEvent.IncomingCall in) {
            if (settings.autoAnswer() && currentIncoming == null && !stopping) {
                currentIncoming = in.callId();
                if (settings.answerAfter().isZero()) {
                    engine.answer(in.callId());
                } else {
                    answerAt.put(in.callId(), System.nanoTime() + settings.answerAfter().toNanos());
                }
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
            long now = System.nanoTime();
            for (TimedCommand t : settings.timedCommands()) {
                scheduled.add(new Scheduled(a.callId(), now + t.afterAnswer().toNanos(), t.command()));
            }
        } else if (e instanceof PhoneEvent.Referred r) {
            // we were transferred: the new call is now the one this run is about; the old one just ends
            if (r.callId().equals(outgoingId) || r.callId().equals(currentIncoming)) {
                hangupAt.remove(r.callId());
                scheduled.removeIf(x -> x.callId().equals(r.callId()));
                if (r.callId().equals(currentIncoming)) {
                    currentIncoming = null;
                    incomingAnswered = false;
                }
                outgoingId = r.newCallId();
                outgoingAnswered = false;
            }
        } else if (e instanceof PhoneEvent.Replaced r) {
            // an attended transfer put a new call in place of ours: it becomes the call this run is about
            hangupAt.remove(r.oldCallId());
            scheduled.removeIf(x -> x.callId().equals(r.oldCallId()));
            if (r.oldCallId().equals(currentIncoming)) {
                currentIncoming = r.newCallId();
                incomingAnswered = false;
            } else if (r.oldCallId().equals(outgoingId)) {
                outgoingId = r.newCallId();
                outgoingAnswered = false;
            }
        } else if (e instanceof PhoneEvent.MessageResult m && m.messageId().equals(messageId)) {
            boolean moreToDo = settings.call() != null || settings.autoAnswer() || settings.registerOnly();
            if (!moreToDo) {
                return m.status() / 100 == 2 ? ExitCode.OK : ExitCode.CALL_FAILED;
            }
        } else if (e instanceof PhoneEvent.CallFailed f) {
            return callOver(f.callId(), false);
        } else if (e instanceof PhoneEvent.CallEnded c) {
            return callOver(c.callId(), true);
        }
        return null;
    }

    /** Events of the consultation call: tracked, never the run's outcome. */
    private Integer consultEvent(PhoneEvent e) {
        if (e instanceof PhoneEvent.Answered) {
            consultAnswered = true;
        } else if (e instanceof PhoneEvent.CallFailed || e instanceof PhoneEvent.CallEnded) {
            consultId = null;
            consultAnswered = false;
        } else if (e instanceof PhoneEvent.Replaced r) {
            consultId = r.newCallId();
            consultAnswered = false;
        }
        return null;
    }

    private Integer callOver(String callId, boolean ended) {
        hangupAt.remove(callId);
        answerAt.remove(callId);
        scheduled.removeIf(x -> x.callId().equals(callId));
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

    private void answerDueCalls(long now) {
        answerAt.entrySet().removeIf(en -> {
            if (now - en.getValue() >= 0) {
                engine.answer(en.getKey());
                return true;
            }
            return false;
        });
    }

    private long nextAnswer() {
        return answerAt.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    }

    private void runDueCommands(long now) {
        List<Scheduled> due = new ArrayList<>();
        scheduled.removeIf(x -> {
            if (now - x.dueNanos() >= 0) {
                due.add(x);
                return true;
            }
            return false;
        });
        due.sort(java.util.Comparator.comparingLong(Scheduled::dueNanos));
        for (Scheduled x : due) {
            execute(x.callId(), x.command());
        }
    }

    private long nextCommand() {
        return scheduled.stream().mapToLong(Scheduled::dueNanos).min().orElse(Long.MAX_VALUE);
    }

    /** The call commands apply to: the answered outgoing call, else the current incoming one. */
    private String currentCall() {
        if (outgoingId != null && outgoingAnswered) {
            return outgoingId;
        }
        return currentIncoming != null && incomingAnswered ? currentIncoming : null;
    }

    private void execute(String callId, CallCommand c) {
        switch (c.verb()) {
            case HOLD -> engine.hold(callId);
            case RESUME -> engine.resume(callId);
            case DTMF -> engine.sendDtmf(callId, c.arg());
            case STATS -> printStats(callId);
            case HANGUP -> engine.hangup(callId);
            case TRANSFER -> {
                try {
                    engine.transfer(callId, c.arg());
                } catch (IllegalArgumentException e) {
                    err.println("minisipphone: transfer: " + e.getMessage());
                }
            }
            case CONSULT -> {
                if (consultId != null) {
                    err.println("minisipphone: consult: a consultation call is already running");
                    return;
                }
                try {
                    String id = engine.call(c.arg());
                    engine.hold(callId);
                    consultId = id;
                    consultAnswered = false;
                } catch (IllegalArgumentException e) {
                    err.println("minisipphone: consult: " + e.getMessage());
                }
            }
            case ATTENDED_TRANSFER -> {
                if (consultId == null || !consultAnswered) {
                    err.println("minisipphone: attended-transfer: no answered consultation call (use consult "
                            + "TARGET first)");
                    return;
                }
                engine.attendedTransfer(callId, consultId);
            }
            default -> throw new IllegalStateException(c.verb().toString());
        }
    }

    private void printStats(String callId) {
        engine.mediaStats(callId).ifPresentOrElse(s -> {
            synchronized (out) {
                out.println("stats sent=" + s.packetsSent() + " received=" + s.packetsReceived() + " lost=" + s.lost()
                        + " late=" + s.late() + " jb-delay-ms=" + s.jitterBufferDelayMs());
                out.flush();
            }
        }, () -> err.println("minisipphone: stats: the call has no media yet"));
    }

    private long nextHangup() {
        return hangupAt.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    }

    private void print(PhoneEvent e) {
        String call = StateLines.callIdOf(e);
        boolean consult = call != null && call.equals(consultId);
        StateLines.format(e).map(l -> consult ? "consult-" + l : l).ifPresent(line -> {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        });
    }

}
