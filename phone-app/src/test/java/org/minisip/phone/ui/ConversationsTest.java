package org.minisip.phone.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConversationsTest {
    @Test
    void partnersAreNamedByNumberWhenTheUserPartIsOne() {
        assertThat(Conversations.partner("sip:102@127.0.0.1")).isEqualTo("102");
        assertThat(Conversations.partner("<sip:102@pbx.example.com;transport=tcp>")).isEqualTo("102");
        assertThat(Conversations.partner("sips:+4930123@carrier.example")).isEqualTo("+4930123");
        assertThat(Conversations.partner("sip:alice@example.com;transport=tls")).isEqualTo("sip:alice@example.com");
        assertThat(Conversations.partner("tel:+861012345678")).isEqualTo("tel:+861012345678");
    }
}
