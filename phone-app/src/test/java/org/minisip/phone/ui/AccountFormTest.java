package org.minisip.phone.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.minisip.phone.ui.AccountForm.Field;

/** The account dialog's checks: every bad field is named with its own message, good input becomes the account. */
class AccountFormTest {
    private static final List<String> CODECS = List.of("PCMU", "PCMA", "G722");

    private static AccountForm.Result check(String server, String port, String user, String pw, String expires,
                                            String codecs) {
        return AccountForm.check(server, port, "TLS", user, pw, "Alice", "", expires, "mandatory", codecs, "info",
                "", CODECS);
    }

    @Test
    void outboundProxyIsCheckedAndKeptAsTyped() {
        AccountForm.Result ok = AccountForm.check("pbx.example.com", "5061", "TLS", "100", "pw", "", "", "600",
                "optional", "pcmu", "rfc4733", " 10.0.0.1:5070;transport=tcp ", CODECS);
        assertThat(ok.ok()).isTrue();
        assertThat(ok.account().outboundProxy()).isEqualTo("10.0.0.1:5070;transport=tcp");
        AccountForm.Result bad = AccountForm.check("pbx.example.com", "5061", "TLS", "100", "pw", "", "", "600",
                "optional", "pcmu", "rfc4733", "proxy:99999", CODECS);
        assertThat(bad.errors()).containsEntry(Field.OUTBOUND_PROXY, "account.error.outboundProxy");
        AccountForm.Result withUser = AccountForm.check("pbx.example.com", "5061", "TLS", "100", "pw", "", "", "600",
                "optional", "pcmu", "rfc4733", "sip:bob@proxy", CODECS);
        assertThat(withUser.errors()).containsKey(Field.OUTBOUND_PROXY);
    }

    @Test
    void goodInputBecomesTheAccount() {
        AccountForm.Result r = check(" PBX.example.com ", "5061", "100", "s3cret", "300", "g722, pcmu");
        assertThat(r.ok()).isTrue();
        assertThat(r.account().uri()).isEqualTo("sip:100@pbx.example.com:5061;transport=tls");
        assertThat(r.account().codecs()).containsExactly("G722", "PCMU");
        assertThat(r.account().srtp()).isEqualTo("mandatory");
        assertThat(r.account().authUser()).isNull();
        assertThat(r.account().displayName()).isEqualTo("Alice");
        assertThat(r.account().dtmfMode()).isEqualTo("info");
    }

    @Test
    void ipv6ServerIsBracketedInTheUri() {
        AccountForm.Result r = check("::1", "5060", "100", "pw", "600", "PCMU");
        assertThat(r.ok()).isTrue();
        assertThat(r.account().uri()).isEqualTo("sip:100@[::1]:5060;transport=tls");
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        AccountForm.Result r = check("", "70000", "", "", "10", "opus");
        assertThat(r.ok()).isFalse();
        assertThat(r.errors()).containsEntry(Field.SERVER, "account.error.serverEmpty")
                .containsEntry(Field.PORT, "account.error.port")
                .containsEntry(Field.USER, "account.error.userEmpty")
                .containsEntry(Field.PASSWORD, "account.error.passwordEmpty")
                .containsEntry(Field.EXPIRES, "account.error.expires")
                .containsEntry(Field.CODECS, "account.error.codecUnknown");
    }

    @Test
    void badCharactersAreRefused() {
        AccountForm.Result r = check("pbx example.com", "abc", "1 00", "pw", "600", ",");
        assertThat(r.errors()).containsKeys(Field.SERVER, Field.PORT, Field.USER, Field.CODECS);
        assertThat(r.errors().get(Field.CODECS)).isEqualTo("account.error.codecsEmpty");
    }
}
