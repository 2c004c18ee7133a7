/**
 * The national 能力提升工程2.0 baseline (教师〔2019〕1号): at least 50 hours per teacher in a five-year cycle,
 * of which practice (实践应用) at least half. Depends only on {@code policy-api}.
 */
package cn.weineng.policy.national;
