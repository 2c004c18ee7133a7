package cn.weineng.policy.api;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A policy's own configuration slice: the keys under {@code policy.<id>.} with that prefix removed.
 *
 * @param values the keys and their values; copied, never null
 */
public record PolicyConfig(Map<String, String> values) {

  public PolicyConfig {
    values = Map.copyOf(values == null ? Map.of() : values);
  }

  public static PolicyConfig empty() {
    return new PolicyConfig(Map.of());
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key)).map(String::trim).filter(s -> !s.isEmpty());
  }

  /** A decimal value, or the default; a malformed value is an error that names the key. */
  public double getDouble(String key, double defaultValue) {
    return get(key)
        .map(
            v -> {
              try {
                return Double.parseDouble(v);
              } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                    "policy configuration '" + key + "' is not a number: '" + v + "'");
              }
            })
        .orElse(defaultValue);
  }

  @Override
  public String toString() {
    return "PolicyConfig" + new TreeMap<>(values);
  }
}
