package cn.weineng.common.interfaces.rest;

import java.util.Locale;

/** The two languages of the UI and reports: zh-CN (default) and English. */
public final class Locales {

  private Locales() {}

  /** zh-CN unless the tag asks for English. */
  public static Locale of(String tag) {
    if (tag != null && tag.toLowerCase(Locale.ROOT).startsWith("en")) {
      return Locale.ENGLISH;
    }
    return Locale.SIMPLIFIED_CHINESE;
  }
}
