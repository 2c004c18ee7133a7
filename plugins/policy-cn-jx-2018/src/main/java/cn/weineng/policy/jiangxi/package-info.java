/**
 * Region policy cn-jx-2018: Five-year cycle, 60 hours a year, 20 hours = 1 credit, no credit in a
 * failed year, mandatory topics per cycle. See the module's README for the sentences of the text
 * each rule enforces. Depends only on {@code policy-api}.
 */
package cn.weineng.policy.jiangxi;
