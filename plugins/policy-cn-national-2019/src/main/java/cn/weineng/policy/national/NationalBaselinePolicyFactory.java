package cn.weineng.policy.national;

import cn.weineng.policy.api.PolicyConfig;
import cn.weineng.policy.api.RegionPolicy;
import cn.weineng.policy.api.RegionPolicyFactory;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/** Factory of the national baseline policy, {@value #ID}. */
public final class NationalBaselinePolicyFactory implements RegionPolicyFactory {

  public static final String ID = "cn-national-2019";

  /** Date of 教师〔2019〕1号 plus a two-digit revision of our reading of it. */
  public static final String RULESET_VERSION = "2019032000";

  public static final String ONLINE = "online";
  public static final String PRACTICE = "practice";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String rulesetVersion() {
    return RULESET_VERSION;
  }

  @Override
  public String displayName(Locale locale) {
    return Messages.bundle(locale).getString("policy.name");
  }

  @Override
  public List<String> buckets() {
    return List.of(ONLINE, PRACTICE);
  }

  @Override
  public String bucketName(String bucket, Locale locale) {
    ResourceBundle b = Messages.bundle(locale);
    String key = "bucket." + bucket;
    return b.containsKey(key) ? b.getString(key) : bucket;
  }

  @Override
  public RegionPolicy create(PolicyConfig config) {
    return new NationalBaselinePolicy(NationalBaselineRules.from(config));
  }
}
