/**
 * Region policy cn-smart-school-2023: ≥ 60 hours by 2025; ≥ 2 smart-classroom lessons per semester,
 * ≥ 4 for teachers aged 45 or under. See the module's README for the sentences of the text each
 * rule enforces. Depends only on {@code policy-api}.
 */
package cn.weineng.policy.smartschool;
