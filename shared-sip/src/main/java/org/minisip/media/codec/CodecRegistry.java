package org.minisip.media.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An instance-based set of known audio codecs, looked up by SDP encoding name.
 *
 * <p>Thread-safe: registration and lookup may happen concurrently (copy-on-write list). Order of
 * {@link #all()} is registration order, which callers may use as offer preference.
 */
public final class CodecRegistry {

    private final List<AudioCodec> codecs = new CopyOnWriteArrayList<>();

    /** An empty registry. */
    public CodecRegistry() {
    }

    /** A new registry holding PCMU, PCMA, G722 and opus (prototypes: take {@link AudioCodec#newStream()}). */
    public static CodecRegistry defaults() {
        CodecRegistry r = new CodecRegistry();
        r.register(G711.pcmu());
        r.register(G711.pcma());
        r.register(G722.prototype());
        r.register(Opus.prototype());
        return r;
    }

    /**
     * Adds a codec; a codec with the same encoding name (case-insensitive) is replaced in place.
     */
    public synchronized void register(AudioCodec codec) {
        String key = codec.encodingName().toUpperCase(Locale.ROOT);
        for (int i = 0; i < codecs.size(); i++) {
            if (codecs.get(i).encodingName().toUpperCase(Locale.ROOT).equals(key)) {
                codecs.set(i, codec);
                return;
            }
        }
        codecs.add(codec);
    }

    /** Looks a codec up by encoding name, ignoring case. */
    public Optional<AudioCodec> byName(String encodingName) {
        if (encodingName == null) {
            return Optional.empty();
        }
        for (AudioCodec c : codecs) {
            if (c.encodingName().equalsIgnoreCase(encodingName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Immutable snapshot of all registered codecs in registration order. */
    public List<AudioCodec> all() {
        return List.copyOf(new ArrayList<>(codecs));
    }
}
