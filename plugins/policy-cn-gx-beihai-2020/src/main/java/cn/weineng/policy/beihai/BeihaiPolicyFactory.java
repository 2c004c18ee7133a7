package cn.weineng.policy.beihai;

import cn.weineng.policy.api.rules.RulebookPolicyFactory;

/**
 * Beihai, Guangxi 2020 (北海市能力提升工程2.0意见): the rules are data, in {@code policy.properties} beside
 * this class.
 */
public final class BeihaiPolicyFactory extends RulebookPolicyFactory {

  public BeihaiPolicyFactory() {
    super("policy.properties");
  }
}
