package org.minisip.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SrtpKeysTest {

    @Test
    void inlineRoundTrip() {
        SrtpKeys k = SrtpKeys.random(new SecureRandom());
        String inline = k.toInline();
        assertThat(inline).hasSize(40);
        assertThat(SrtpKeys.fromInline(inline)).isEqualTo(k);
        assertThat(SrtpKeys.fromInline("inline:" + inline)).isEqualTo(k);
        assertThat(SrtpKeys.fromInline(inline + "|2^31")).isEqualTo(k);
        assertThat(SrtpKeys.fromInline(inline + "|1048576")).isEqualTo(k);
        assertThat(k.masterKey()).hasSize(16);
        assertThat(k.masterSalt()).hasSize(14);
        assertThat(k.toString()).doesNotContain(inline);
    }

    @Test
    void rfc4568Example() {
        // RFC 4568 §9.1 example key params
        SrtpKeys k = SrtpKeys.fromInline("WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20");
        byte[] raw = Base64.getDecoder().decode("WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz");
        assertThat(k.masterKey()).isEqualTo(java.util.Arrays.copyOf(raw, 16));
    }

    @Test
    void rejectsMkiAndBadLengths() {
        String good = SrtpKeys.random(new SecureRandom()).toInline();
        assertThatThrownBy(() -> SrtpKeys.fromInline(good + "|2^20|1:4"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MKI");
        assertThatThrownBy(() -> SrtpKeys.fromInline(good + "|1:4"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MKI");
        assertThatThrownBy(() -> SrtpKeys.fromInline(good.substring(4)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SrtpKeys.fromInline("!!!notbase64!!!"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SrtpKeys.fromInline(good + "|never"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SrtpKeys(new byte[15], new byte[14]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accessorsReturnCopies() {
        SrtpKeys k = SrtpKeys.random(new SecureRandom());
        byte[] key = k.masterKey();
        key[0] ^= 1;
        assertThat(k.masterKey()).isNotEqualTo(key);
    }
}
