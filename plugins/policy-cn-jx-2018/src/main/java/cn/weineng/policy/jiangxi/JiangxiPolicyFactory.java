package cn.weineng.policy.jiangxi;

import cn.weineng.policy.api.rules.RulebookPolicyFactory;

/**
 * Jiangxi 2018 (互联网+教师专业发展全员培训实施办法): the rules are data, in {@code policy.properties} beside this
 * class.
 */
public final class JiangxiPolicyFactory extends RulebookPolicyFactory {

  public JiangxiPolicyFactory() {
    super("policy.properties");
  }
}
