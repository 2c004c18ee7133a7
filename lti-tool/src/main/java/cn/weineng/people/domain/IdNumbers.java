package cn.weineng.people.domain;

/**
 * Recognises a resident ID number (居民身份证号码, GB 11643: 17 digits and a check character, ISO 7064 MOD
 * 11-2) so that Weineng can refuse to keep one where it asks for an institute's own teacher id.
 * Weineng does not collect ID numbers.
 */
public final class IdNumbers {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";

  private IdNumbers() {}

  /** True for an 18-character value with a valid GB 11643 check character (or 15 digits). */
  public static boolean looksLikeOne(String value) {
    if (value == null) {
      return false;
    }
    String v = value.trim().toUpperCase(java.util.Locale.ROOT);
    if (v.matches("[0-9]{15}")) {
      return true; // the first-generation 15-digit form
    }
    if (!v.matches("[0-9]{17}[0-9X]")) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (v.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK.charAt(sum % 11) == v.charAt(17);
  }
}
