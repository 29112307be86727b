package org.minisip.phone.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How callers are shown: the user part of a SIP URI, the number of a tel: URI. */
class PhoneControllerTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sip:102@127.0.0.1|102",
        "<sip:102@pbx.example.com;transport=tcp>|102",
        "sips:alice@example.com|alice",
        "tel:+861012345678;phone-context=x|+861012345678",
        "sip:pbx.example.com|pbx.example.com"})
    void displayNumber(String uri, String shown) {
        assertThat(PhoneController.displayNumber(uri)).isEqualTo(shown);
    }
}
