package cn.weineng.policy.api;

import java.util.List;
import java.util.Locale;

/**
 * Long-lived entry point of a region policy plugin, found with {@link java.util.ServiceLoader}.
 *
 * <p>Stability: this interface is the SPI's version {@value #SPI_VERSION}. Within a version,
 * methods are only ever added with a default, and the value types a policy receives or builds
 * ({@link LearningActivity}, {@link LearnerFacts}, {@link Standing}, …) are final classes with
 * builders, so that new facts and new figures never break a compiled plugin. A breaking change
 * raises {@link #SPI_VERSION}.
 */
public interface RegionPolicyFactory {

  /** The SPI version this host implements. A plugin requiring another one is refused. */
  int SPI_VERSION = 2;

  /**
   * Unique, stable, lower-kebab id: region, programme and year of the rule text, e.g. {@code
   * cn-national-2019} or {@code cn-hn-yueyang-2021}. Stored on every ledger line the policy
   * produces.
   */
  String id();

  /** The SPI version the plugin was written against. */
  default int requiresSpi() {
    return SPI_VERSION;
  }

  /**
   * Version of the rule set, monotonic, e.g. {@code 2019032000}. Stamped on every derived record so
   * that records made under an older rule set can be told apart and replayed.
   */
  String rulesetVersion();

  /** Human name of the policy in the given language (zh-CN and en at least). */
  String displayName(Locale locale);

  /** The hour buckets this policy credits, in display order. */
  List<String> buckets();

  /** Human name of a bucket in the given language; the key itself when unknown. */
  default String bucketName(String bucket, Locale locale) {
    return bucket;
  }

  /** The counters this policy keeps (e.g. {@code smart_lessons}), in display order. */
  default List<String> counters() {
    return List.of();
  }

  /** Human name of a counter in the given language; the key itself when unknown. */
  default String counterName(String counter, Locale locale) {
    return counter;
  }

  /**
   * Creates the policy with its configuration slice. Called once per configuration; the returned
   * policy is shared across threads.
   *
   * @throws IllegalArgumentException when the configuration is invalid; the message names the key
   */
  RegionPolicy create(PolicyConfig config);
}
