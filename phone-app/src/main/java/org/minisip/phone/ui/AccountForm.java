package org.minisip.phone.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.minisip.phone.config.Settings.Account;
import org.minisip.phone.engine.AccountUri;
import org.minisip.phone.engine.OutboundProxy;

/**
 * Checks what was typed into the account dialog and turns it into an {@link Account}. Every problem is reported per
 * field, as a message key, so the dialog can mark each field and nothing typed is lost. No Swing here.
 */
final class AccountForm {
    /** Dialog fields, in the order the first error gets the focus. */
    enum Field { SERVER, PORT, USER, PASSWORD, DISPLAY_NAME, AUTH_USER, OUTBOUND_PROXY, EXPIRES, CODECS }

    /** Either an account or the problems, as message keys per field. */
    record Result(Account account, Map<Field, String> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    private AccountForm() {
    }

    static Result check(String server, String port, String transport, String user, String password,
                        String displayName, String authUser, String expires, String srtp, String codecs,
                        String dtmfMode, String outboundProxy, List<String> knownCodecs) {
        Map<Field, String> errors = new LinkedHashMap<>();
        String host = server == null ? "" : server.strip();
        if (host.regionMatches(true, 0, "sip:", 0, 4)) {
            host = host.substring(4);
        }
        if (host.isEmpty()) {
            errors.put(Field.SERVER, "account.error.serverEmpty");
        } else if (!host.matches("[A-Za-z0-9.\\-]+|\\[?[0-9A-Fa-f:.]+]?")) {
            errors.put(Field.SERVER, "account.error.serverBad");
        }
        int portNo = 0;
        try {
            portNo = Integer.parseInt(port == null ? "" : port.strip());
        } catch (NumberFormatException e) {
            portNo = -1;
        }
        if (portNo < 1 || portNo > 65535) {
            errors.put(Field.PORT, "account.error.port");
        }
        String u = user == null ? "" : user.strip();
        if (u.isEmpty()) {
            errors.put(Field.USER, "account.error.userEmpty");
        } else if (!u.matches("[A-Za-z0-9*#+._!~\\-]+")) {
            errors.put(Field.USER, "account.error.userBad");
        }
        if (password == null || password.isEmpty()) {
            errors.put(Field.PASSWORD, "account.error.passwordEmpty");
        }
        String dn = displayName == null ? "" : displayName.strip();
        if (dn.contains("\"") || dn.contains("\\") || dn.length() > 64) {
            errors.put(Field.DISPLAY_NAME, "account.error.displayName");
        }
        String au = authUser == null ? "" : authUser.strip();
        if (!au.isEmpty() && au.contains(" ")) {
            errors.put(Field.AUTH_USER, "account.error.authUser");
        }
        String proxy = outboundProxy == null ? "" : outboundProxy.strip();
        if (!proxy.isEmpty()) {
            try {
                OutboundProxy.parse(proxy, org.minisip.sip.stack.Transport.parse(transport));
            } catch (IllegalArgumentException e) {
                errors.put(Field.OUTBOUND_PROXY, "account.error.outboundProxy");
            }
        }
        int exp = 0;
        try {
            exp = Integer.parseInt(expires == null ? "" : expires.strip());
        } catch (NumberFormatException e) {
            exp = -1;
        }
        if (exp < 60 || exp > 86400) {
            errors.put(Field.EXPIRES, "account.error.expires");
        }
        List<String> codecList = new ArrayList<>();
        for (String c : (codecs == null ? "" : codecs).split("[,\\s]+")) {
            if (!c.isBlank()) {
                String name = c.strip().toUpperCase(Locale.ROOT);
                if (!knownCodecs.contains(name)) {
                    errors.put(Field.CODECS, "account.error.codecUnknown");
                } else if (!codecList.contains(name)) {
                    codecList.add(name);
                }
            }
        }
        if (codecList.isEmpty() && !errors.containsKey(Field.CODECS)) {
            errors.put(Field.CODECS, "account.error.codecsEmpty");
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        Account a = new Account(host.toLowerCase(Locale.ROOT), portNo, transport.toLowerCase(Locale.ROOT), u,
                password, dn.isEmpty() ? null : dn, au.isEmpty() ? null : au, exp, srtp.toLowerCase(Locale.ROOT),
                codecList, dtmfMode.toLowerCase(Locale.ROOT), proxy.isEmpty() ? null : proxy);
        try {
            AccountUri.parse(a.uri());
        } catch (IllegalArgumentException e) {
            errors.put(Field.SERVER, "account.error.serverBad");
            return new Result(null, errors);
        }
        return new Result(a, Map.of());
    }
}
