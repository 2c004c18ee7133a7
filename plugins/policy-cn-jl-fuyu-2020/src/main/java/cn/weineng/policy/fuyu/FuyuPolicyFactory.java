package cn.weineng.policy.fuyu;

import cn.weineng.policy.api.rules.RulebookPolicyFactory;

/**
 * Fuyu, Jilin 2020 (扶余市提升培训项目实施方案): the rules are data, in {@code policy.properties} beside this
 * class.
 */
public final class FuyuPolicyFactory extends RulebookPolicyFactory {

  public FuyuPolicyFactory() {
    super("policy.properties");
  }
}
