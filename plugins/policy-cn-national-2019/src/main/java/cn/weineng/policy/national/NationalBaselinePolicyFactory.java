package cn.weineng.policy.national;

import cn.weineng.policy.api.rules.RulebookPolicyFactory;

/** Factory of the national baseline policy: the rules are data, in {@code policy.properties}. */
public final class NationalBaselinePolicyFactory extends RulebookPolicyFactory {

  public static final String ID = "cn-national-2019";

  public NationalBaselinePolicyFactory() {
    super("policy.properties");
  }
}
