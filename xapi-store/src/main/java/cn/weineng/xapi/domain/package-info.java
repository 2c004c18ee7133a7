/**
 * xAPI rules with no I/O: statement validation with the path of every violation, agent identifiers,
 * the version header, durations and the errors the LRS answers with.
 */
package cn.weineng.xapi.domain;
