package cn.weineng.policy.api.rules;

import cn.weineng.policy.api.PolicyConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A policy's data: a {@code .properties} file in UTF-8 shipped in the plugin jar, with the host's
 * configuration ({@code policy.<id>.<key>}) laid over it key by key. Every getter names the key in
 * its error, so a bad setting stops the start with a sentence that says which.
 */
public final class Descriptor {

  private final Map<String, String> values;

  private Descriptor(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** Reads a descriptor from the class path of {@code owner}. */
  public static Descriptor load(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "policy descriptor " + resource + " is missing next to " + owner.getName());
      }
      Properties p = new Properties();
      try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      Map<String, String> m = new LinkedHashMap<>();
      p.forEach((k, v) -> m.put(k.toString(), v.toString().trim()));
      return new Descriptor(m);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read policy descriptor " + resource, e);
    }
  }

  public static Descriptor of(Map<String, String> values) {
    return new Descriptor(values);
  }

  /** This descriptor with the configured keys replacing the shipped ones. */
  public Descriptor with(PolicyConfig config) {
    Map<String, String> m = new LinkedHashMap<>(values);
    config.values().forEach((k, v) -> m.put(k, v.trim()));
    return new Descriptor(m);
  }

  /** Every key and value, sorted by key. */
  public Map<String, String> values() {
    return values;
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key)).filter(s -> !s.isEmpty());
  }

  public String require(String key) {
    return get(key)
        .orElseThrow(() -> new IllegalArgumentException("policy setting '" + key + "' is missing"));
  }

  public String get(String key, String defaultValue) {
    return get(key).orElse(defaultValue);
  }

  /** A comma-separated list; empty when the key is absent. */
  public List<String> list(String key) {
    return get(key)
        .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }

  public Optional<BigDecimal> decimal(String key) {
    return get(key)
        .map(
            v -> {
              try {
                BigDecimal d = new BigDecimal(v);
                if (d.signum() < 0) {
                  throw new IllegalArgumentException(
                      "policy setting '" + key + "' must not be negative: '" + v + "'");
                }
                return d;
              } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                    "policy setting '" + key + "' is not a number: '" + v + "'");
              }
            });
  }

  public BigDecimal decimal(String key, BigDecimal defaultValue) {
    return decimal(key).orElse(defaultValue);
  }

  public Optional<Integer> integer(String key) {
    return decimal(key)
        .map(
            d -> {
              try {
                return d.intValueExact();
              } catch (ArithmeticException e) {
                throw new IllegalArgumentException(
                    "policy setting '" + key + "' must be a whole number: '" + d + "'");
              }
            });
  }

  public boolean bool(String key, boolean defaultValue) {
    return get(key)
        .map(
            v -> {
              if (v.equals("true") || v.equals("false")) {
                return Boolean.parseBoolean(v);
              }
              throw new IllegalArgumentException(
                  "policy setting '" + key + "' must be true or false: '" + v + "'");
            })
        .orElse(defaultValue);
  }

  public Optional<LocalDate> date(String key) {
    return get(key)
        .map(
            v -> {
              try {
                return LocalDate.parse(v);
              } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                    "policy setting '" + key + "' is not a date (yyyy-mm-dd): '" + v + "'");
              }
            });
  }

  public MonthDay monthDay(String key, MonthDay defaultValue) {
    return get(key)
        .map(
            v -> {
              try {
                return MonthDay.parse("--" + v);
              } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                    "policy setting '" + key + "' is not a month and day (mm-dd): '" + v + "'");
              }
            })
        .orElse(defaultValue);
  }

  /** One of the allowed words. */
  public String choice(String key, String defaultValue, String... allowed) {
    String v = get(key, defaultValue);
    if (!Arrays.asList(allowed).contains(v)) {
      throw new IllegalArgumentException(
          "policy setting '"
              + key
              + "' must be one of "
              + Arrays.toString(allowed)
              + ": '"
              + v
              + "'");
    }
    return v;
  }
}
