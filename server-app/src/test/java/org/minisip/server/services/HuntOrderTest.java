package org.minisip.server.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minisip.server.config.Services;
import org.minisip.server.services.hunt.HuntOrder;

class HuntOrderTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private final Map<String, Instant> reg = Map.of("101", T.plusSeconds(5), "102", T.plusSeconds(1),
            "103", T.plusSeconds(3));

    private static Services.HuntGroup group(Services.HuntPolicy p, Services.Member... m) {
        return new Services.HuntGroup("600", p, 15, List.of(m));
    }

    @Test
    void linearIsBySequenceThenRegistrationTimeWithUnregisteredLast() {
        HuntOrder o = new HuntOrder();
        Services.HuntGroup g = group(Services.HuntPolicy.LINEAR, new Services.Member("104", 1),
                new Services.Member("101", 2), new Services.Member("103", 2), new Services.Member("102", 3),
                new Services.Member("105", 1));
        // 104 and 105 are not registered: after registered members of the same sequence
        assertThat(o.order(g, reg::get)).containsExactly("104", "105", "103", "101", "102");
        o.taken(g, "103");
        assertThat(o.order(g, reg::get)).as("linear ignores who took the last call")
                .containsExactly("104", "105", "103", "101", "102");
    }

    @Test
    void roundRobinStartsAfterTheLastTaker() {
        HuntOrder o = new HuntOrder();
        Services.HuntGroup g = group(Services.HuntPolicy.ROUND_ROBIN, new Services.Member("101", 1),
                new Services.Member("102", 1), new Services.Member("103", 1));
        assertThat(o.order(g, reg::get)).containsExactly("102", "103", "101");
        o.taken(g, "102");
        assertThat(o.order(g, reg::get)).containsExactly("103", "101", "102");
        o.taken(g, "101");
        assertThat(o.order(g, reg::get)).containsExactly("102", "103", "101");
    }
}
