package cn.weineng.policy.api.rules;

import cn.weineng.policy.api.PolicyConfig;
import cn.weineng.policy.api.RegionPolicy;
import cn.weineng.policy.api.RegionPolicyFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A policy plugin that is a data descriptor: a subclass names its {@code .properties} resource and
 * nothing else, unless its text needs code ({@link #newPolicy}). Names of the policy, its buckets,
 * counters, assessments and score sources are descriptor keys {@code name.zh-CN}, {@code
 * bucket.<key>.name.en}, {@code counter.<key>.name.zh-CN}, {@code assessment.<key>.name.en}, {@code
 * source.<key>.name.zh-CN}.
 */
public abstract class RulebookPolicyFactory implements RegionPolicyFactory {

  private static final Map<String, String[]> SOURCE_NAMES =
      Map.of(
          "provider", new String[] {"项目承担机构", "the provider"},
          "county", new String[] {"项目县", "the county"},
          "school", new String[] {"项目学校", "the school"},
          "platform", new String[] {"网络学习平台", "the learning platform"},
          "expert", new String[] {"学科专家", "a subject expert"});

  private static final Map<String, String[]> ASSESSMENT_NAMES =
      Map.of(
          "diagnostic", new String[] {"训前诊断测评", "pre-training diagnostic test"},
          "training-online", new String[] {"网络研修测评", "online study assessment"},
          "training-offline", new String[] {"线下实践测评", "offline practice assessment"},
          "development", new String[] {"发展测评", "development assessment"},
          "annual", new String[] {"年度考核", "yearly assessment"});

  private final Descriptor descriptor;

  protected RulebookPolicyFactory(String resource) {
    this.descriptor = Descriptor.load(getClass(), resource);
    if (!id().matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new IllegalStateException("policy id '" + id() + "' is not lower-kebab");
    }
  }

  /** The descriptor as shipped, before configuration. */
  public Descriptor descriptor() {
    return descriptor;
  }

  @Override
  public String id() {
    return descriptor.require("id");
  }

  @Override
  public String rulesetVersion() {
    return descriptor.require("ruleset");
  }

  @Override
  public String displayName(Locale locale) {
    return named("name", locale, id());
  }

  @Override
  public List<String> buckets() {
    return descriptor.list("buckets");
  }

  @Override
  public String bucketName(String bucket, Locale locale) {
    return named("bucket." + bucket + ".name", locale, bucket);
  }

  @Override
  public List<String> counters() {
    return descriptor.list("counters");
  }

  @Override
  public String counterName(String counter, Locale locale) {
    return named("counter." + counter + ".name", locale, counter);
  }

  /** The unit a counter is counted in, for Chinese sentences ({@code 课时}); empty when unknown. */
  public String counterUnit(String counter, Locale locale) {
    return zh(locale) ? descriptor.get("counter." + counter + ".unit.zh-CN", "") : "";
  }

  /** Human name of an assessment ({@code diagnostic}, {@code training-online}, …). */
  public String assessmentName(String assessment, Locale locale) {
    String[] known = ASSESSMENT_NAMES.get(assessment);
    return named(
        "assessment." + assessment + ".name",
        locale,
        known == null ? assessment : zh(locale) ? known[0] : known[1]);
  }

  /** Human name of who scores ({@code provider}, {@code county}, …); "anyone" for null. */
  public String sourceName(String source, Locale locale) {
    if (source == null) {
      return zh(locale) ? "任一来源" : "any source";
    }
    String[] known = SOURCE_NAMES.get(source);
    return named(
        "source." + source + ".name",
        locale,
        known == null ? source : zh(locale) ? known[0] : known[1]);
  }

  @Override
  public final RegionPolicy create(PolicyConfig config) {
    return newPolicy(descriptor.with(config));
  }

  /** The policy for the configured descriptor; override to add code the data cannot say. */
  protected RegionPolicy newPolicy(Descriptor configured) {
    return new RulebookPolicy(this, configured);
  }

  private String named(String prefix, Locale locale, String fallback) {
    return descriptor
        .get(prefix + (zh(locale) ? ".zh-CN" : ".en"))
        .or(() -> descriptor.get(prefix + ".zh-CN"))
        .orElse(fallback);
  }

  private static boolean zh(Locale locale) {
    return "zh".equals(locale.getLanguage());
  }
}
