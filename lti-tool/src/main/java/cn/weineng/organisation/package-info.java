/**
 * The organisation a programme runs on: provinces, cities and counties (GB/T 2260 codes as data),
 * schools, the classes and workshops schools run (members may come from several schools), roles,
 * roster import, and a unit's standing (organisation rules, 参训率, 合格率).
 */
package cn.weineng.organisation;
