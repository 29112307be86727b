package org.minisip.sip.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Replaces (RFC 3891 §6.1) values, matching (§3) and their escaped form inside a Refer-To URI. */
class ReplacesTest {

    @Test
    void parsesTheRfc3891Example() {
        // RFC 3891 §6.1 (folded over lines in the RFC; header folding is undone by the parser before us)
        Replaces r = Replaces.parse("98732@sip.example.com ;from-tag=r33th4x0r ;to-tag=ff87ff");
        assertThat(r.callId()).isEqualTo("98732@sip.example.com");
        assertThat(r.fromTag()).isEqualTo("r33th4x0r");
        assertThat(r.toTag()).isEqualTo("ff87ff");
        assertThat(r.earlyOnly()).isFalse();
    }

    @Test
    void parsesEarlyOnlyAndIgnoresUnknownParameters() {
        Replaces r = Replaces.parse("12adf2f34456gs5;to-tag=12345;from-tag=54321;early-only;x-foo=1");
        assertThat(r.earlyOnly()).isTrue();
        assertThat(r.format()).isEqualTo("12adf2f34456gs5;to-tag=12345;from-tag=54321;early-only");
    }

    @Test
    void parameterNamesAreCaseInsensitive() {
        assertThat(Replaces.parse("a@b;TO-TAG=1;From-Tag=2")).isEqualTo(new Replaces("a@b", "1", "2", false));
    }

    @Test
    void rejectsMissingPartsAndBadCharacters() {
        assertThatThrownBy(() -> Replaces.parse("abc;to-tag=1")).hasMessageContaining("from-tag");
        assertThatThrownBy(() -> Replaces.parse(";to-tag=1;from-tag=2")).hasMessageContaining("Call-ID");
        assertThatThrownBy(() -> Replaces.parse("abc;to-tag=;from-tag=2")).hasMessageContaining("to-tag");
        assertThatThrownBy(() -> Replaces.parse("abc def;to-tag=1;from-tag=2")).hasMessageContaining("character");
        assertThatThrownBy(() -> Replaces.parse("x".repeat(2000) + ";to-tag=1;from-tag=2"))
                .hasMessageContaining("longer");
        assertThat(Replaces.tryParse("garbage")).isEmpty();
    }

    @Test
    void decodesTheEscapedUriHeaderOfTheRfcReferTo() {
        // RFC 3891 §6.1: Refer-To: <sip:bob@example.com?Replaces=12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994>
        Replaces r = Replaces.fromUriHeader("12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994");
        assertThat(r).isEqualTo(new Replaces("12345@192.168.118.3", "12345", "5FFE-3994", false));
    }

    @Test
    void encodesForAUriHeaderAsTheRfcDoes() {
        Replaces r = new Replaces("12345@192.168.118.3", "12345", "5FFE-3994", false);
        assertThat(r.toUriHeader()).isEqualTo("12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994");
        assertThat(Replaces.fromUriHeader(r.toUriHeader())).isEqualTo(r);
        Replaces early = new Replaces("a%b", "x", "y", true);
        assertThat(Replaces.fromUriHeader(early.toUriHeader())).isEqualTo(early);
    }

    @Test
    void badEscapesAreErrors() {
        assertThatThrownBy(() -> Replaces.fromUriHeader("abc%3")).hasMessageContaining("escape");
        assertThatThrownBy(() -> Replaces.fromUriHeader("abc%zz;to-tag=1;from-tag=2")).hasMessageContaining("escape");
    }

    @Test
    void matchesByLocalAndRemoteTagAsRfc3891Section3Says() {
        Replaces r = new Replaces("call-1@h", "local", "remote", false);
        assertThat(r.matches("call-1@h", "LOCAL", "remote")).isTrue();
        assertThat(r.matches("call-1@h", "remote", "local")).isFalse();
        assertThat(r.matches("CALL-1@h", "local", "remote")).isFalse();
        assertThat(r.matches("call-1@h", null, "remote")).isFalse();
        assertThat(r.seenFromOtherSide().matches("call-1@h", "remote", "local")).isTrue();
    }
}
