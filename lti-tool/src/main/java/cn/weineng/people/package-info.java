/** People: one person per teacher, the identities they are known by, their attributes. */
package cn.weineng.people;
