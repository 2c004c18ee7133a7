/**
 * Launch state and records: login states and used nonces, the LTI claim names, courses and
 * enrolments.
 */
package cn.weineng.launch.domain;
