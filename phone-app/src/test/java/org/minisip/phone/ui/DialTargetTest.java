package org.minisip.phone.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the number field accepts: extensions, pasted phone numbers, sip:/tel: URIs; junk is refused (null). */
class DialTargetTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "101|101",
        "' 101 '|101",
        "+86 (10) 1234-5678|+861012345678",
        "010.1234.5678|01012345678",
        "*72#|*72#",
        "alice.smith|alice.smith",
        "sip:bob@example.com|sip:bob@example.com",
        "SIP:bob@example.com;transport=tcp|SIP:bob@example.com;transport=tcp",
        "tel:+861012345678|tel:+861012345678",
        "''|NULL",
        "'   '|NULL",
        "sip:|NULL",
        "bob smith|NULL",
        "10<1|NULL"})
    void normalizes(String typed, String expected) {
        assertThat(DialTarget.normalize(typed)).isEqualTo(expected);
    }
}
