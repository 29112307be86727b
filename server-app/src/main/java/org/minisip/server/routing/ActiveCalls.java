package org.minisip.server.routing;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many answered calls each extension is in right now (as caller or final callee). Hunting groups skip a
 * member that is already on a call. Thread-safe.
 */
final class ActiveCalls {
    private final ConcurrentHashMap<String, AtomicInteger> count = new ConcurrentHashMap<>();

    void started(String ext) {
        if (ext != null) {
            count.computeIfAbsent(ext, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    void ended(String ext) {
        if (ext != null) {
            count.computeIfPresent(ext, (k, v) -> v.decrementAndGet() <= 0 ? null : v);
        }
    }

    boolean busy(String ext) {
        AtomicInteger n = count.get(ext);
        return n != null && n.get() > 0;
    }
}
