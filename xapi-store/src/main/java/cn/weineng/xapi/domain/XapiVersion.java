package cn.weineng.xapi.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The xAPI versions the LRS speaks: the 1.0.x family (1.0.3 semantics) and 2.0.0 (IEEE
 * 9274.1.1-2023).
 */
public enum XapiVersion {
  V1_0_3("1.0.3"),
  V2_0_0("2.0.0");

  public static final String HEADER = "X-Experience-API-Version";
  private static final Pattern V1 = Pattern.compile("1\\.0(\\.\\d+)?");

  private final String header;

  XapiVersion(String header) {
    this.header = header;
  }

  /** The value the LRS answers in {@value #HEADER}. */
  public String header() {
    return header;
  }

  /** The version a request header asks for; empty when it is not one the LRS speaks. */
  public static Optional<XapiVersion> fromHeader(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.trim();
    if (V1.matcher(v).matches()) {
      return Optional.of(V1_0_3);
    }
    // IEEE 9274.1.1 names its version 2.0.0; a bare "2.0" is no version header it defines
    if (v.equals("2.0.0")) {
      return Optional.of(V2_0_0);
    }
    return Optional.empty();
  }
}
