package org.minisip.phone.config;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The desktop phone's instant-message conversations, in {@code chats.json} in the data directory: every message
 * sent or received, oldest first, at most {@value #MAX} (the oldest are dropped). A corrupt file is moved aside and
 * an empty list used. Blocking file I/O: call off the Swing thread.
 */
public final class ChatStore {
    public static final String FILE = "chats.json";
    public static final int MAX = 1000;
    private final Path file;

    /**
     * One message.
     *
     * @param peer     the other side: an extension number, or a {@code sip:}/{@code tel:} URI for others
     * @param outgoing true for a message we sent
     * @param status   for a sent message: {@code sending}, {@code delivered}, {@code stored} (the server keeps it for
     *                 an offline extension) or {@code failed <code> <reason>}; empty for a received one
     */
    public record ChatLine(String peer, Instant at, boolean outgoing, String text, String status) {
    }

    public ChatStore(Path file) {
        this.file = file;
    }

    public Loaded<List<ChatLine>> load() {
        return JsonFiles.load(file, b -> {
            List<ChatLine> list = JsonFiles.MAPPER.readValue(b, new TypeReference<>() { });
            return list == null ? null : list.stream()
                    .filter(l -> l != null && l.peer() != null && l.text() != null && l.at() != null).toList();
        }, List.of());
    }

    public void save(List<ChatLine> lines) throws IOException {
        int from = Math.max(0, lines.size() - MAX);
        JsonFiles.write(file, List.copyOf(lines.subList(from, lines.size())));
    }
}
