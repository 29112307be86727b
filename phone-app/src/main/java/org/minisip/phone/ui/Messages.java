package org.minisip.phone.ui;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The UI's strings ({@code org/minisip/phone/ui/messages*.properties}, UTF-8): English and Simplified Chinese.
 * The locale comes from the settings ({@code en}, {@code zh_CN}) or, for {@code system}, from the JVM's default
 * locale; any Chinese locale but the traditional ones gets Simplified Chinese, everything else English.
 */
public final class Messages {
    static final String BUNDLE = "org.minisip.phone.ui.messages";
    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Messages for a settings value ({@code system}, {@code en}, {@code zh_CN}) on a system with {@code system}. */
    public static Messages forSetting(String language, Locale system) {
        return new Messages(localeFor(language, system));
    }

    static Locale localeFor(String language, Locale system) {
        if ("zh_CN".equals(language)) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        if ("en".equals(language)) {
            return Locale.ENGLISH;
        }
        boolean chinese = "zh".equals(system.getLanguage()) && !"TW".equals(system.getCountry())
                && !"HK".equals(system.getCountry()) && !"MO".equals(system.getCountry())
                && !"Hant".equals(system.getScript());
        return chinese ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    public Locale locale() {
        return locale;
    }

    /** The text for {@code key} when the bundle has one, else {@code fallback} as it is. */
    public String getOr(String key, String fallback) {
        return bundle.containsKey(key) ? bundle.getString(key) : fallback;
    }

    /** The text for {@code key}, formatted with {@link MessageFormat} when arguments are given. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
