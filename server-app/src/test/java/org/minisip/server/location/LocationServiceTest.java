package org.minisip.server.location;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.minisip.sip.stack.Transport;

class LocationServiceTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };
    private final LocationService loc = new LocationService(clock);

    private Binding b(String contact, int seconds) {
        return new Binding("101", contact, "127.0.0.1", 5070, Transport.UDP, "cid", 1, now, now.plusSeconds(seconds),
                "ua");
    }

    @Test
    void severalContactsPerAorInRegistrationOrder() {
        loc.put(b("sip:101@127.0.0.1:5070", 60));
        now = now.plusSeconds(1);
        loc.put(b("sip:101@127.0.0.1:5072", 60));
        assertThat(loc.lookup("101")).extracting(Binding::contactUri)
                .containsExactly("sip:101@127.0.0.1:5070", "sip:101@127.0.0.1:5072");
        assertThat(loc.byContact("sip:101@127.0.0.1:5072")).isPresent();
    }

    @Test
    void refreshKeepsFirstRegistrationTimeAndExpiryHidesBindings() {
        Instant first = now;
        loc.put(b("sip:101@h", 60));
        now = now.plus(Duration.ofSeconds(30));
        loc.put(b("sip:101@h", 60));
        assertThat(loc.lookup("101")).singleElement().extracting(Binding::registeredAt).isEqualTo(first);
        now = now.plusSeconds(61);
        assertThat(loc.lookup("101")).isEmpty();
        assertThat(loc.byContact("sip:101@h")).isEmpty();
        assertThat(loc.purgeExpired()).isEqualTo(1);
        assertThat(loc.size()).isZero();
    }

    @Test
    void removeOneAndAll() {
        loc.put(b("sip:101@a", 60));
        loc.put(b("sip:101@b", 60));
        loc.remove("101", "sip:101@a");
        assertThat(loc.lookup("101")).extracting(Binding::contactUri).containsExactly("sip:101@b");
        loc.removeAll("101");
        assertThat(loc.lookup("101")).isEmpty();
    }
}
