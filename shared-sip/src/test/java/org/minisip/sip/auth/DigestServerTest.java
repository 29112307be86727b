package org.minisip.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DigestServerTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
    private static final Function<String, Optional<String>> USERS =
            u -> Optional.ofNullable(Map.of("alice", "wonderland", "bob", "builder").get(u));

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final DigestServer server = new DigestServer("example.com", SECRET, clock, Duration.ofMinutes(5));

    private static String answer(String user, String pw, String challenge) {
        return new DigestClient(user, pw, new SecureRandom()).answer(challenge, "REGISTER", "sip:example.com");
    }

    @Test
    void challengeFormat() {
        String c = server.challenge(DigestAlgorithm.MD5, false);
        assertThat(c).startsWith("Digest realm=\"example.com\", nonce=\"")
                .contains(", opaque=\"", ", algorithm=MD5, qop=\"auth\"").doesNotContain("stale");
        assertThat(server.challenge(DigestAlgorithm.SHA_256, true)).contains("algorithm=SHA-256").endsWith(", stale=true");
        assertThat(server.challenges(false)).hasSize(2);
        assertThat(server.challenges(false).get(0)).contains("algorithm=SHA-256");
        assertThat(server.challenges(false).get(1)).contains("algorithm=MD5");
    }

    @Test
    void roundTripBothAlgorithms() {
        for (String c : server.challenges(false)) {
            assertThat(server.verify("REGISTER", answer("alice", "wonderland", c), USERS))
                    .isEqualTo(new DigestServer.Verdict.Ok("alice"));
        }
    }

    @Test
    void roundTripMd5SessAndRfc2069() {
        String nonce = server.newNonce();
        String sess = "Digest realm=\"example.com\", nonce=\"" + nonce + "\", algorithm=MD5-sess, qop=\"auth\"";
        assertThat(server.verify("REGISTER", answer("bob", "builder", sess), USERS))
                .isInstanceOf(DigestServer.Verdict.Ok.class);
        String legacy = "Digest realm=\"example.com\", nonce=\"" + nonce + "\"";
        assertThat(server.verify("REGISTER", answer("bob", "builder", legacy), USERS))
                .isInstanceOf(DigestServer.Verdict.Ok.class);
    }

    @Test
    void wrongPasswordUnknownUserAndWrongMethodAreRejected() {
        String c = server.challenge(DigestAlgorithm.SHA_256, false);
        assertThat(server.verify("REGISTER", answer("alice", "wrong", c), USERS))
                .isEqualTo(new DigestServer.Verdict.Rejected("alice", "invalid credentials"));
        assertThat(server.verify("REGISTER", answer("mallory", "x", c), USERS))
                .isEqualTo(new DigestServer.Verdict.Rejected("mallory", "invalid credentials"));
        assertThat(server.verify("INVITE", answer("alice", "wonderland", c), USERS))
                .isInstanceOf(DigestServer.Verdict.Rejected.class);
    }

    @Test
    void unknownUserStillTriggersLookupAndHashing() {
        AtomicInteger lookups = new AtomicInteger();
        String c = server.challenge(DigestAlgorithm.MD5, false);
        server.verify("REGISTER", answer("ghost", "x", c), u -> {
            lookups.incrementAndGet();
            return Optional.empty();
        });
        assertThat(lookups).hasValue(1);
    }

    @Test
    void expiredNonceWithCorrectResponseIsStale() {
        String c = server.challenge(DigestAlgorithm.SHA_256, false);
        String auth = answer("alice", "wonderland", c);
        clock.advance(Duration.ofMinutes(4));
        assertThat(server.verify("REGISTER", auth, USERS)).isInstanceOf(DigestServer.Verdict.Ok.class);
        clock.advance(Duration.ofMinutes(2));
        assertThat(server.verify("REGISTER", auth, USERS)).isEqualTo(new DigestServer.Verdict.Stale("alice"));
        // stale nonce plus wrong password is still a plain rejection
        assertThat(server.verify("REGISTER", answer("alice", "nope", c), USERS))
                .isInstanceOf(DigestServer.Verdict.Rejected.class);
    }

    @Test
    void tamperedOrForeignNonceIsRejected() {
        String nonce = server.newNonce();
        byte[] raw = Base64.getUrlDecoder().decode(nonce);
        raw[3] ^= 1; // shift the timestamp
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String c = "Digest realm=\"example.com\", nonce=\"" + tampered + "\", qop=\"auth\"";
        assertThat(server.verify("REGISTER", answer("alice", "wonderland", c), USERS))
                .isEqualTo(new DigestServer.Verdict.Rejected("alice", "nonce not issued by this server"));

        DigestServer other = new DigestServer("example.com", "another-secret-0123456789".getBytes(), clock,
                Duration.ofMinutes(5));
        String foreign = answer("alice", "wonderland", other.challenge(DigestAlgorithm.MD5, false))
                .replaceAll("opaque=\"[^\"]*\"", "x=y");
        assertThat(server.verify("REGISTER", foreign, USERS)).isInstanceOf(DigestServer.Verdict.Rejected.class);

        String garbage = "Digest realm=\"example.com\", nonce=\"%%%\", qop=\"auth\"";
        assertThat(server.verify("REGISTER", answer("alice", "wonderland", garbage), USERS))
                .isInstanceOf(DigestServer.Verdict.Rejected.class);
    }

    @Test
    void otherRejections() {
        String c = server.challenge(DigestAlgorithm.MD5, false);
        String good = answer("alice", "wonderland", c);
        assertThat(server.verify("REGISTER", null, USERS)).isInstanceOf(DigestServer.Verdict.Rejected.class);
        assertThat(server.verify("REGISTER", "Basic YTpi", USERS))
                .isEqualTo(new DigestServer.Verdict.Rejected(null, "malformed credentials: not a Digest header (scheme 'Basic')"));
        assertThat(reason(good.replace("realm=\"example.com\"", "realm=\"evil.com\""))).isEqualTo("realm mismatch");
        assertThat(reason(good.replace("algorithm=MD5", "algorithm=SHA-512"))).startsWith("unsupported algorithm");
        assertThat(reason(good.replaceAll("opaque=\"[^\"]*\"", "opaque=\"zz\""))).isEqualTo("opaque mismatch");
        assertThat(reason(good.replaceAll("nc=\\w+", "nc=1"))).contains("nc");
        assertThat(reason(good.replaceAll("qop=auth", "qop=auth-int"))).contains("qop");
        assertThat(reason(good.replaceAll("response=\"[^\"]*\"", "response=\"00\""))).contains("length");
        assertThat(reason(good.replaceAll("username=\"[^\"]*\", ", ""))).isEqualTo("missing username");
        assertThat(reason(good.replaceAll("uri=\"[^\"]*\", ", ""))).contains("missing");
    }

    private String reason(String auth) {
        DigestServer.Verdict v = server.verify("REGISTER", auth, USERS);
        assertThat(v).isInstanceOf(DigestServer.Verdict.Rejected.class);
        return ((DigestServer.Verdict.Rejected) v).reason();
    }

    @Test
    void constructorValidation() {
        assertThatThrownBy(() -> new DigestServer("r", new byte[8], clock, Duration.ofMinutes(1)))
                .hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> new DigestServer("", SECRET, clock, Duration.ofMinutes(1)))
                .hasMessageContaining("realm");
        assertThatThrownBy(() -> new DigestServer("r", SECRET, clock, Duration.ZERO))
                .hasMessageContaining("positive");
    }
}
