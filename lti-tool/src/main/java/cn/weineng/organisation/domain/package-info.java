/** Units, groups, roles, region codes, the CSV reader. */
package cn.weineng.organisation.domain;
