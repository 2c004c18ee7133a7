/**
 * Region policy cn-jl-fuyu-2020: 50 hours chosen from the course catalogue after a diagnostic test;
 * online part scored by the provider, offline practice by the county; classes ≤ 50; ≤ 6 workshops
 * per school by subject. See the module's README for the sentences of the text each rule enforces.
 * Depends only on {@code policy-api}.
 */
package cn.weineng.policy.fuyu;
