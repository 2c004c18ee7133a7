package cn.weineng.policy.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A human sentence in the languages Weineng shows: zh-CN and en at least. Immutable.
 *
 * <p>{@link #in(Locale)} picks the language asked for, falling back to zh-CN, then to any.
 */
public final class Text {

  public static final String ZH = "zh-CN";
  public static final String EN = "en";

  private final Map<String, String> byLanguage;

  private Text(Map<String, String> byLanguage) {
    this.byLanguage = Collections.unmodifiableMap(new LinkedHashMap<>(byLanguage));
  }

  /** The same sentence in Chinese and English. */
  public static Text of(String zh, String en) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(ZH, Objects.requireNonNull(zh, "zh"));
    m.put(EN, Objects.requireNonNull(en, "en"));
    return new Text(m);
  }

  /** A sentence by language tag (e.g. {@code zh-CN}, {@code en}). */
  public static Text of(Map<String, String> byLanguage) {
    if (byLanguage.isEmpty()) {
      throw new IllegalArgumentException("a text needs at least one language");
    }
    return new Text(byLanguage);
  }

  /** The sentence in the language asked for: exact tag, then language, then zh-CN, then any. */
  public String in(Locale locale) {
    String tag = locale.toLanguageTag();
    if (byLanguage.containsKey(tag)) {
      return byLanguage.get(tag);
    }
    for (Map.Entry<String, String> e : byLanguage.entrySet()) {
      if (Locale.forLanguageTag(e.getKey()).getLanguage().equals(locale.getLanguage())) {
        return e.getValue();
      }
    }
    return byLanguage.getOrDefault(ZH, byLanguage.values().iterator().next());
  }

  /** Every language tag and its sentence, in the order given. */
  public Map<String, String> byLanguage() {
    return byLanguage;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Text t && t.byLanguage.equals(byLanguage);
  }

  @Override
  public int hashCode() {
    return byLanguage.hashCode();
  }

  @Override
  public String toString() {
    return byLanguage.toString();
  }
}
