package org.minisip.phone.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.minisip.phone.engine.RegisterSender.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one account registered (RFC 3261 §10.2): registers, refreshes at half the granted lifetime, honours
 * 423 Min-Expires, and recovers from failed refreshes by retrying with {@link Backoff} until the registrar answers
 * again. Publishes {@link PhoneEvent.Registered} and {@link PhoneEvent.RegistrationFailed} only on state changes:
 * one failure event per outage, one registered event when it comes back.
 *
 * <p>An initial failure (the account was never registered in this run) is reported with {@code initial=true} and
 * is final: wrong credentials or an unreachable server are not retried.
 *
 * <p>Not thread-safe: every method, and every callback of the sender and the timers, runs on the engine thread.
 */
final class Registration {
    private static final Logger LOG = LoggerFactory.getLogger(Registration.class);

    enum State { IDLE, REGISTERING, REGISTERED, RETRYING, FAILED, STOPPED }

    private final String aor;
    private final RegisterSender sender;
    private final Timers timers;
    private final Backoff backoff;
    private final Duration timeout;
    private final Consumer<PhoneEvent> events;

    private int requestedExpires;
    private State state = State.IDLE;
    private boolean everRegistered;
    private boolean outageReported;
    private int retryAttempt;
    private int generation;
    private int grantedExpires;
    private Timers.Cancellable timeoutTimer;
    private Timers.Cancellable nextTimer;

    Registration(String aor, RegisterSender sender, Timers timers, Backoff backoff, Duration timeout,
                 int requestedExpires, Consumer<PhoneEvent> events) {
        this.aor = Objects.requireNonNull(aor);
        this.sender = sender;
        this.timers = timers;
        this.backoff = backoff;
        this.timeout = timeout;
        this.requestedExpires = requestedExpires;
        this.events = events;
    }

    State state() {
        return state;
    }

    int grantedExpires() {
        return grantedExpires;
    }

    /** Sends the initial REGISTER. */
    void start() {
        if (state != State.IDLE) {
            throw new IllegalStateException("registration already started: " + state);
        }
        send();
    }

    /**
     * Stops refreshing and, when a binding may exist, removes it (Expires: 0). {@code done} runs once, on the engine
     * thread, when the registrar answered or the timeout passed.
     */
    void stop(Runnable done) {
        boolean hadBinding = everRegistered && state != State.STOPPED;
        state = State.STOPPED;
        generation++;
        cancelTimers();
        if (!hadBinding) {
            done.run();
            return;
        }
        Runnable once = new Once(done);
        Timers.Cancellable t = timers.schedule(timeout, once);
        sender.send(0, outcome -> {
            t.cancel();
            once.run();
        });
    }

    /**
     * Refreshes now instead of at half the lifetime (our public address changed, see {@link UdpKeepAlive});
     * ignored unless registered.
     */
    void refreshNow() {
        if (state != State.REGISTERED) {
            return;
        }
        cancelTimers();
        send();
    }

    private void send() {
        if (state == State.STOPPED) {
            return;
        }
        if (state != State.REGISTERED && state != State.RETRYING) {
            state = State.REGISTERING;
        }
        int gen = ++generation;
        timeoutTimer = timers.schedule(timeout, () -> onOutcome(gen, new Outcome.Failed(408, "Request Timeout")));
        sender.send(requestedExpires, outcome -> onOutcome(gen, outcome));
    }

    private void onOutcome(int gen, Outcome outcome) {
        if (gen != generation || state == State.STOPPED || state == State.FAILED) {
            return; // a late answer to an attempt we already gave up on
        }
        generation++;
        cancelTimers();
        if (outcome instanceof Outcome.Ok ok) {
            registered(ok.expires());
        } else if (outcome instanceof Outcome.TooBrief tb && tb.minExpires() > requestedExpires) {
            LOG.debug("423: raising requested expiry {} -> {}", requestedExpires, tb.minExpires());
            requestedExpires = tb.minExpires();
            send();
        } else if (outcome instanceof Outcome.Failed f) {
            failed(f.status(), f.reason());
        } else {
            failed(423, "Interval Too Brief");
        }
    }

    private void registered(int expires) {
        boolean announce = !everRegistered || outageReported || state != State.REGISTERED;
        everRegistered = true;
        outageReported = false;
        retryAttempt = 0;
        grantedExpires = expires;
        state = State.REGISTERED;
        if (announce) {
            events.accept(new PhoneEvent.Registered(aor, expires));
        }
        if (expires > 0) {
            nextTimer = timers.schedule(Duration.ofMillis(Math.max(1000L, expires * 500L)), this::send);
        }
    }

    private void failed(int status, String reason) {
        if (!everRegistered) {
            state = State.FAILED;
            events.accept(new PhoneEvent.RegistrationFailed(status, reason, true, aor));
            return;
        }
        state = State.RETRYING;
        if (!outageReported) {
            outageReported = true;
            events.accept(new PhoneEvent.RegistrationFailed(status, reason, false, aor));
        }
        Duration delay = backoff.delay(retryAttempt++);
        LOG.info("registration refresh failed ({} {}), retrying in {} ms", status, reason, delay.toMillis());
        nextTimer = timers.schedule(delay, this::send);
    }

    private void cancelTimers() {
        if (timeoutTimer != null) {
            timeoutTimer.cancel();
            timeoutTimer = null;
        }
        if (nextTimer != null) {
            nextTimer.cancel();
            nextTimer = null;
        }
    }

    /** Runs a task at most once. */
    private static final class Once implements Runnable {
        private Runnable task;

        Once(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            Runnable t = task;
            task = null;
            if (t != null) {
                t.run();
            }
        }
    }
}
