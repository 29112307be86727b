package org.minisip.phone.ui;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;
import org.minisip.phone.engine.PhoneEvent;

/**
 * The one adapter between the engine and Swing: the engine publishes {@link PhoneEvent}s on its own thread (DTMF on a
 * media thread); this queues each one onto the event dispatch thread and returns at once, so the engine never
 * waits for the UI. Events carry the generation of the engine that sent them, so the UI can drop the late events of
 * an engine it has already replaced (after an account change).
 */
final class EventBridge implements Consumer<PhoneEvent> {
    private final int generation;
    private final BiConsumer<Integer, PhoneEvent> onEdt;

    EventBridge(int generation, BiConsumer<Integer, PhoneEvent> onEdt) {
        this.generation = generation;
        this.onEdt = onEdt;
    }

    @Override
    public void accept(PhoneEvent event) {
        SwingUtilities.invokeLater(() -> onEdt.accept(generation, event));
    }

    /**
     * The same hand-over for events that do not come from an engine (sound devices going away and coming back on
     * the audio watcher thread): each one is queued onto the EDT for {@code onEdt}.
     */
    static <T> Consumer<T> onEdt(Consumer<T> onEdt) {
        return event -> SwingUtilities.invokeLater(() -> onEdt.accept(event));
    }
}
