package cn.weineng.policy.national;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The plugin's message bundle (English default, zh-CN). */
final class Messages {

  private static final String BUNDLE = "cn.weineng.policy.national.messages";

  private Messages() {}

  static ResourceBundle bundle(Locale locale) {
    return ResourceBundle.getBundle(
        BUNDLE,
        locale,
        Messages.class.getClassLoader(),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  static String format(Locale locale, String key, Object... args) {
    MessageFormat f = new MessageFormat(bundle(locale).getString(key), locale);
    return f.format(args);
  }
}
