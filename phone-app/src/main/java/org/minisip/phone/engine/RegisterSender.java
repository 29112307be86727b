package org.minisip.phone.engine;

import java.util.function.Consumer;

/**
 * Sends one REGISTER (including any digest re-tries) and reports its outcome. Implemented over SIP by
 * {@link RegisterClient}; the {@link Registration} state machine only sees outcomes, which keeps it testable.
 */
interface RegisterSender {

    /**
     * Sends REGISTER asking for {@code expires} seconds (0 removes the binding). {@code done} is called at most once,
     * on the engine thread; it may never be called if no response arrives (the caller runs its own timeout).
     */
    void send(int expires, Consumer<Outcome> done);

    /** Result of one REGISTER. */
    sealed interface Outcome {
        /** 2xx; {@code expires} is what the registrar granted. */
        record Ok(int expires) implements Outcome {
        }

        /** 423 Interval Too Brief with the registrar's Min-Expires. */
        record TooBrief(int minExpires) implements Outcome {
        }

        /** Any other final response, a timeout or a transport error (status 503 then). */
        record Failed(int status, String reason) implements Outcome {
        }
    }
}
