package cn.weineng.policy.yueyang;

import cn.weineng.policy.api.rules.RulebookPolicyFactory;

/**
 * Yueyang, Hunan 2021 (岳教体办通〔2021〕8号): the rules are data, in {@code policy.properties} beside this
 * class.
 */
public final class YueyangPolicyFactory extends RulebookPolicyFactory {

  public YueyangPolicyFactory() {
    super("policy.properties");
  }
}
