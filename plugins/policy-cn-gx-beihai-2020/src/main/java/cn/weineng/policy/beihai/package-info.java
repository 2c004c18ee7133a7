/**
 * Region policy cn-gx-beihai-2020: ≥ 60 hours: 30 online study + 30 practice, every bucket met;
 * certificate on pass. See the module's README for the sentences of the text each rule enforces.
 * Depends only on {@code policy-api}.
 */
package cn.weineng.policy.beihai;
