package cn.weineng.policy.smartschool;

import cn.weineng.policy.api.rules.RulebookPolicyFactory;

/**
 * Smart-school city plan (智慧学校教学应用工作实施方案): the rules are data, in {@code policy.properties} beside
 * this class.
 */
public final class SmartSchoolPolicyFactory extends RulebookPolicyFactory {

  public SmartSchoolPolicyFactory() {
    super("policy.properties");
  }
}
