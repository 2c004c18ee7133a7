/**
 * Region policy cn-hn-yueyang-2021: 80 hours = 80 credits: 60 workshop blended + 10 school-based
 * research + 10 application assessment. See the module's README for the sentences of the text each
 * rule enforces. Depends only on {@code policy-api}.
 */
package cn.weineng.policy.yueyang;
