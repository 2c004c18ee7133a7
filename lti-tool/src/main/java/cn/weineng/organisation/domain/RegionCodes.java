package cn.weineng.organisation.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * GB/T 2260 administrative division codes, as data ({@code gbt2260.csv} beside this package's
 * resources): six digits, the first two the province, the next two the prefecture, the last two the
 * county.
 */
public final class RegionCodes {

  private static final Map<String, String> NAMES = load();

  private RegionCodes() {}

  private static Map<String, String> load() {
    Map<String, String> m = new HashMap<>();
    try (InputStream in =
        RegionCodes.class.getResourceAsStream("/cn/weineng/organisation/gbt2260.csv")) {
      if (in == null) {
        throw new IllegalStateException("gbt2260.csv is missing");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int comma = line.indexOf(',');
        m.put(line.substring(0, comma).trim(), line.substring(comma + 1).trim());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(m);
  }

  /** The name of a code the table holds. */
  public static Optional<String> name(String code) {
    return Optional.ofNullable(NAMES.get(code));
  }

  /** The kind a well-formed code denotes: province, city or county; empty when malformed. */
  public static Optional<String> kindOf(String code) {
    if (code == null || !code.matches("[1-8][0-9]{5}")) {
      return Optional.empty();
    }
    if (code.endsWith("0000")) {
      return Optional.of(OrgUnit.PROVINCE);
    }
    if (code.endsWith("00")) {
      return Optional.of(OrgUnit.CITY);
    }
    return Optional.of(OrgUnit.COUNTY);
  }

  /** Whether {@code child} lies under {@code parent} by its digits. */
  public static boolean within(String child, String parent) {
    String p =
        parent.endsWith("0000")
            ? parent.substring(0, 2)
            : parent.endsWith("00") ? parent.substring(0, 4) : parent;
    return child.startsWith(p) && !child.equals(parent);
  }
}
