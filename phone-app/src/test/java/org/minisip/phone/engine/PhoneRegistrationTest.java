package org.minisip.phone.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.minisip.phone.engine.RegisterSender.Outcome;

/** The registration state machine, driven with scripted REGISTER outcomes and manual time. */
class PhoneRegistrationTest {
    private final ManualTimers timers = new ManualTimers();
    private final List<PhoneEvent> events = new ArrayList<>();
    private final ScriptedSender sender = new ScriptedSender();
    private final Registration reg = new Registration("sip:100@example.com", sender, timers, Backoff.REGISTRATION,
            Duration.ofSeconds(10), 600, events::add);

    /** Answers each REGISTER with the next scripted outcome (none = no answer at all). */
    private final class ScriptedSender implements RegisterSender {
        final Deque<Outcome> script = new ArrayDeque<>();
        final List<Long> sentAt = new ArrayList<>();
        final List<Integer> expires = new ArrayList<>();

        @Override
        public void send(int exp, Consumer<Outcome> done) {
            sentAt.add(timers.now());
            expires.add(exp);
            Outcome o = script.poll();
            if (o != null) {
                done.accept(o);
            }
        }
    }

    @Test
    void refreshesAtHalfTheGrantedLifetimeWithoutRepeatingTheRegisteredEvent() {
        sender.script.add(new Outcome.Ok(120));
        sender.script.add(new Outcome.Ok(120));
        reg.start();
        assertThat(events).containsExactly(new PhoneEvent.Registered("sip:100@example.com", 120));
        timers.advance(Duration.ofSeconds(60));
        assertThat(sender.sentAt).containsExactly(0L, 60_000L);
        assertThat(events).hasSize(1);
    }

    @Test
    void failedRefreshIsReportedOnceAndRetriedWithExponentialBackoffCappedAt30s() {
        sender.script.add(new Outcome.Ok(60));
        for (int i = 0; i < 8; i++) {
            sender.script.add(new Outcome.Failed(503, "Service Unavailable"));
        }
        sender.script.add(new Outcome.Ok(60));
        reg.start();
        timers.advance(Duration.ofSeconds(160)); // the script ends with the success at 151 s

        List<Long> gaps = new ArrayList<>();
        for (int i = 2; i < sender.sentAt.size(); i++) {
            gaps.add(sender.sentAt.get(i) - sender.sentAt.get(i - 1));
        }
        // refresh at 30 s fails, then retries after 1, 2, 4, 8, 16, 30, 30, 30 s; the last one succeeds
        assertThat(sender.sentAt.get(1)).isEqualTo(30_000L);
        assertThat(gaps.subList(0, 8)).containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L);
        assertThat(events).containsExactly(
                new PhoneEvent.Registered("sip:100@example.com", 60),
                new PhoneEvent.RegistrationFailed(503, "Service Unavailable", false, "sip:100@example.com"),
                new PhoneEvent.Registered("sip:100@example.com", 60));
        assertThat(reg.state()).isEqualTo(Registration.State.REGISTERED);
    }

    @Test
    void backoffRestartsFromOneSecondAfterRecovery() {
        sender.script.add(new Outcome.Ok(60));
        sender.script.add(new Outcome.Failed(500, "Server Internal Error"));
        sender.script.add(new Outcome.Failed(500, "Server Internal Error"));
        sender.script.add(new Outcome.Ok(60));
        sender.script.add(new Outcome.Failed(500, "Server Internal Error"));
        sender.script.add(new Outcome.Ok(60));
        reg.start();
        timers.advance(Duration.ofSeconds(30 + 1 + 2 + 30 + 1));
        assertThat(sender.sentAt).containsExactly(0L, 30_000L, 31_000L, 33_000L, 63_000L, 64_000L);
        assertThat(events).filteredOn(e -> e instanceof PhoneEvent.RegistrationFailed).hasSize(2);
    }

    @Test
    void unansweredRefreshCountsAsTimeoutAndIsRetried() {
        sender.script.add(new Outcome.Ok(60));
        reg.start();
        timers.advance(Duration.ofSeconds(30)); // refresh sent, never answered
        timers.advance(Duration.ofSeconds(10));
        assertThat(events).last().isEqualTo(new PhoneEvent.RegistrationFailed(408, "Request Timeout", false, "sip:100@example.com"));
        assertThat(timers.nextDelayMillis()).isEqualTo(1000L);
    }

    @Test
    void initialRejectionIsFinal() {
        sender.script.add(new Outcome.Failed(403, "Forbidden"));
        reg.start();
        timers.advance(Duration.ofMinutes(5));
        assertThat(events).containsExactly(new PhoneEvent.RegistrationFailed(403, "Forbidden", true, "sip:100@example.com"));
        assertThat(sender.sentAt).hasSize(1);
        assertThat(reg.state()).isEqualTo(Registration.State.FAILED);
    }

    @Test
    void initialSilenceFailsWith408AfterTheTimeoutAndLateAnswersAreIgnored() {
        reg.start();
        timers.advance(Duration.ofSeconds(9));
        assertThat(events).isEmpty();
        timers.advance(Duration.ofSeconds(1));
        assertThat(events).containsExactly(new PhoneEvent.RegistrationFailed(408, "Request Timeout", true, "sip:100@example.com"));
    }

    @Test
    void intervalTooBriefIsRetriedWithMinExpires() {
        sender.script.add(new Outcome.TooBrief(3600));
        sender.script.add(new Outcome.Ok(3600));
        reg.start();
        assertThat(sender.expires).containsExactly(600, 3600);
        assertThat(events).containsExactly(new PhoneEvent.Registered("sip:100@example.com", 3600));
    }

    @Test
    void stopUnregistersWithExpiresZeroAndStopsRefreshing() {
        sender.script.add(new Outcome.Ok(60));
        sender.script.add(new Outcome.Ok(0));
        reg.start();
        boolean[] done = {false};
        reg.stop(() -> done[0] = true);
        assertThat(done[0]).isTrue();
        assertThat(sender.expires).containsExactly(600, 0);
        timers.advance(Duration.ofMinutes(5));
        assertThat(sender.sentAt).hasSize(2);
    }

    @Test
    void backoffScheduleIsDoublingAndCapped() {
        Backoff b = Backoff.REGISTRATION;
        assertThat(List.of(b.delay(0), b.delay(1), b.delay(2), b.delay(4), b.delay(5), b.delay(50)))
                .extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 16L, 30L, 30L);
    }
}
