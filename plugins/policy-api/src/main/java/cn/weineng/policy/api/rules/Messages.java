package cn.weineng.policy.api.rules;

import cn.weineng.policy.api.Text;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** A message bundle in zh-CN and en, formatted into a {@link Text} of both. */
public final class Messages {

  private final ResourceBundle zh;
  private final ResourceBundle en;

  private Messages(ResourceBundle zh, ResourceBundle en) {
    this.zh = zh;
    this.en = en;
  }

  /** The bundle {@code base} (e.g. {@code cn.weineng.policy.x.messages}) of the given loader. */
  public static Messages of(String base, ClassLoader loader) {
    ResourceBundle.Control noFallback =
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    return new Messages(
        ResourceBundle.getBundle(base, Locale.SIMPLIFIED_CHINESE, loader, noFallback),
        ResourceBundle.getBundle(base, Locale.ROOT, loader, noFallback));
  }

  /** Both languages of {@code key}, with the arguments (already formatted strings) filled in. */
  public Text text(String key, Object... args) {
    return Text.of(format(zh, key, args), format(en, key, args));
  }

  /** An English sentence starts with a capital letter. */
  static String capitalised(String s) {
    if (!s.isEmpty() && s.charAt(0) >= 'a' && s.charAt(0) <= 'z') {
      return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
    return s;
  }

  public boolean has(String key) {
    return en.containsKey(key);
  }

  private static String format(ResourceBundle b, String key, Object[] args) {
    return new MessageFormat(b.getString(key), Locale.ROOT).format(args);
  }
}
