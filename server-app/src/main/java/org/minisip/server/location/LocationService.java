package org.minisip.server.location;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Address-of-record → bindings, with expiry. Thread-safe: the registrar updates it from SIP threads while the
 * router reads it. Expired bindings are invisible to lookups and removed by {@link #purgeExpired()}.
 */
public final class LocationService {
    private final Clock clock;
    private final Map<String, List<Binding>> byAor = new ConcurrentHashMap<>();
    private final Map<String, Binding> byContact = new ConcurrentHashMap<>();

    public LocationService(Clock clock) {
        this.clock = clock;
    }

    /** Current (unexpired) bindings of an AOR, oldest registration first. */
    public List<Binding> lookup(String aor) {
        Instant now = clock.instant();
        List<Binding> list = byAor.get(aor);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return list.stream().filter(b -> !b.expired(now))
                    .sorted(Comparator.comparing(Binding::registeredAt)).toList();
        }
    }

    /** The unexpired binding whose Contact URI is exactly {@code contactUri}, for next-hop resolution. */
    public Optional<Binding> byContact(String contactUri) {
        Binding b = byContact.get(contactUri);
        return b == null || b.expired(clock.instant()) ? Optional.empty() : Optional.of(b);
    }

    /** Adds or refreshes a binding (same AOR + contact URI replaces; first registration time is kept). */
    public void put(Binding binding) {
        List<Binding> list = byAor.computeIfAbsent(binding.aor(), k -> new ArrayList<>());
        synchronized (list) {
            Binding stored = binding;
            for (int i = 0; i < list.size(); i++) {
                Binding old = list.get(i);
                if (old.contactUri().equals(binding.contactUri())) {
                    Instant first = old.expired(clock.instant()) ? binding.registeredAt() : old.registeredAt();
                    stored = new Binding(binding.aor(), binding.contactUri(), binding.sourceHost(),
                            binding.sourcePort(), binding.transport(), binding.callId(), binding.cseq(), first,
                            binding.expiresAt(), binding.userAgent());
                    list.set(i, stored);
                    byContact.put(stored.contactUri(), stored);
                    return;
                }
            }
            list.add(stored);
            byContact.put(stored.contactUri(), stored);
        }
    }

    public void remove(String aor, String contactUri) {
        List<Binding> list = byAor.get(aor);
        if (list == null) {
            return;
        }
        synchronized (list) {
            list.removeIf(b -> b.contactUri().equals(contactUri));
        }
        byContact.computeIfPresent(contactUri, (k, b) -> b.aor().equals(aor) ? null : b);
    }

    public void removeAll(String aor) {
        for (Binding b : lookup(aor)) {
            remove(aor, b.contactUri());
        }
        byAor.remove(aor);
    }

    /** The stored binding for an AOR + contact, even if expired (for Call-ID/CSeq ordering checks). */
    public Optional<Binding> find(String aor, String contactUri) {
        List<Binding> list = byAor.get(aor);
        if (list == null) {
            return Optional.empty();
        }
        synchronized (list) {
            return list.stream().filter(b -> b.contactUri().equals(contactUri)).findFirst();
        }
    }

    /** Drops expired bindings; called periodically from the server's scheduler. */
    public int purgeExpired() {
        Instant now = clock.instant();
        int removed = 0;
        for (Map.Entry<String, List<Binding>> e : byAor.entrySet()) {
            List<Binding> list = e.getValue();
            synchronized (list) {
                for (Binding b : list) {
                    if (b.expired(now)) {
                        byContact.computeIfPresent(b.contactUri(), (k, v) -> v == b ? null : v);
                        removed++;
                    }
                }
                list.removeIf(b -> b.expired(now));
            }
        }
        return removed;
    }

    public int size() {
        return byContact.size();
    }

    /** Every unexpired binding (for persistence), in no particular order. */
    public List<Binding> all() {
        Instant now = clock.instant();
        List<Binding> out = new ArrayList<>();
        for (List<Binding> list : byAor.values()) {
            synchronized (list) {
                for (Binding b : list) {
                    if (!b.expired(now)) {
                        out.add(b);
                    }
                }
            }
        }
        return out;
    }
}
