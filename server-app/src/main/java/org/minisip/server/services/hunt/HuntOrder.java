package org.minisip.server.services.hunt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.minisip.server.config.Services;

/**
 * The order in which a hunting group offers a call to its members. Linear: lowest {@code sequence} first, equal
 * sequences by registration time (earlier first; unregistered members last, they are skipped anyway).
 * Round-robin: the same base order rotated to start just after the member who took the group's last call, so
 * calls spread evenly. Thread-safe; one instance per server.
 */
public final class HuntOrder {
    private final Map<String, String> lastTaker = new ConcurrentHashMap<>();

    /**
     * @param registeredAt a member's earliest current registration, null when not registered
     * @return member extensions in the order to try
     */
    public List<String> order(Services.HuntGroup group, Function<String, Instant> registeredAt) {
        Comparator<Services.Member> bySequence = Comparator.comparingInt(Services.Member::sequence);
        Comparator<Services.Member> byRegistration = Comparator.comparing(m -> registeredAt.apply(m.extension()),
                Comparator.nullsLast(Comparator.naturalOrder()));
        List<String> base = new ArrayList<>(group.members().stream().sorted(bySequence.thenComparing(byRegistration))
                .map(Services.Member::extension).toList());
        if (group.policy() == Services.HuntPolicy.ROUND_ROBIN) {
            int last = base.indexOf(lastTaker.get(group.number()));
            if (last >= 0) {
                List<String> rotated = new ArrayList<>(base.subList(last + 1, base.size()));
                rotated.addAll(base.subList(0, last + 1));
                return rotated;
            }
        }
        return base;
    }

    /** {@code member} answered a call of {@code group}. */
    public void taken(Services.HuntGroup group, String member) {
        lastTaker.put(group.number(), member);
    }
}
