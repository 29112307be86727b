package org.minisip.phone.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Everything the desktop phone remembers between runs, stored as {@code settings.json} in the {@link DataDir}.
 * Immutable; change with the {@code with...} methods. Unknown keys (from a newer version) are ignored.
 *
 * @param account  the SIP account, or null before the first-run setup
 * @param audio    chosen devices, remembered by name
 * @param theme    {@code light}, {@code dark} or {@code system}
 * @param language {@code system}, {@code en} or {@code zh_CN}
 * @param lastDialed the last number called (redial)
 * @param moreAccounts further accounts registered at the same time (each with its own transport and SRTP mode);
 *                 {@code account} is the default one, for outgoing calls. Files written before several accounts
 *                 existed have no such key and load with none (nothing to migrate).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(Account account, Audio audio, String theme, String language, String lastDialed,
                       List<Account> moreAccounts) {

    public static final List<String> THEMES = List.of("system", "light", "dark");
    public static final List<String> LANGUAGES = List.of("system", "en", "zh_CN");

    public Settings(Account account, Audio audio, String theme, String language, String lastDialed) {
        this(account, audio, theme, language, lastDialed, List.of());
    }

    public Settings {
        moreAccounts = moreAccounts == null ? List.of() : List.copyOf(moreAccounts);
        if (account == null && !moreAccounts.isEmpty()) {
            account = moreAccounts.get(0);
            moreAccounts = moreAccounts.subList(1, moreAccounts.size());
        }
        audio = audio == null ? Audio.DEFAULT : audio;
        theme = theme == null || !THEMES.contains(theme) ? "system" : theme;
        language = language == null || !LANGUAGES.contains(language) ? "system" : language;
    }

    public static Settings defaults() {
        return new Settings(null, Audio.DEFAULT, "system", "system", null);
    }

    public Settings withAccount(Account a) {
        return new Settings(a, audio, theme, language, lastDialed, moreAccounts);
    }

    public Settings withAudio(Audio a) {
        return new Settings(account, a, theme, language, lastDialed, moreAccounts);
    }

    public Settings withTheme(String t) {
        return new Settings(account, audio, t, language, lastDialed, moreAccounts);
    }

    public Settings withLanguage(String l) {
        return new Settings(account, audio, theme, l, lastDialed, moreAccounts);
    }

    public Settings withLastDialed(String n) {
        return new Settings(account, audio, theme, language, n, moreAccounts);
    }

    /** Every account, the default (for outgoing calls) first. */
    public List<Account> accounts() {
        List<Account> all = new java.util.ArrayList<>();
        if (account != null) {
            all.add(account);
        }
        all.addAll(moreAccounts);
        return List.copyOf(all);
    }

    /** All accounts at once; the first becomes the default. An empty list means no account. */
    public Settings withAccounts(List<Account> all) {
        return new Settings(all.isEmpty() ? null : all.get(0), audio, theme, language, lastDialed,
                all.isEmpty() ? List.of() : all.subList(1, all.size()));
    }

    /**
     * A SIP account as entered in the account dialog.
     *
     * @param transport     {@code udp}, {@code tcp} or {@code tls}
     * @param authUser      digest user when it differs from {@code user}, else null
     * @param expires       registration lifetime asked for, seconds
     * @param srtp          {@code off}, {@code optional} or {@code mandatory}
     * @param codecs        SDP encoding names in preference order
     * @param dtmfMode      {@code rfc4733} (RTP events, SIP INFO when the peer has none) or {@code info}
     * @param outboundProxy {@code HOST[:PORT][;transport=T]} every request is sent through, or null
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Account(String server, int port, String transport, String user, String password,
                          String displayName, String authUser, int expires, String srtp, List<String> codecs,
                          String dtmfMode, String outboundProxy) {

        /** Without an outbound proxy. */
        public Account(String server, int port, String transport, String user, String password, String displayName,
                       String authUser, int expires, String srtp, List<String> codecs, String dtmfMode) {
            this(server, port, transport, user, password, displayName, authUser, expires, srtp, codecs, dtmfMode,
                    null);
        }

        public Account {
            outboundProxy = outboundProxy == null || outboundProxy.isBlank() ? null : outboundProxy.strip();
            codecs = codecs == null || codecs.isEmpty() ? List.of("PCMU", "PCMA") : List.copyOf(codecs);
            srtp = srtp == null ? "optional" : srtp;
            transport = transport == null ? "udp" : transport;
            expires = expires <= 0 ? 600 : expires;
            dtmfMode = "info".equals(dtmfMode) ? "info" : "rfc4733";
        }

        /** The account URI of the engine, {@code sip:USER@HOST:PORT;transport=T}. */
        public String uri() {
            String host = server.contains(":") && !server.startsWith("[") ? "[" + server + "]" : server;
            return "sip:" + user + "@" + host + ":" + port + ";transport=" + transport;
        }
    }

    /** Sound devices by mixer name; null means the system default. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Audio(String microphone, String speaker, String ringer) {
        public static final Audio DEFAULT = new Audio(null, null, null);
    }
}
