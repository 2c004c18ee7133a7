/** The tree and its groups, roster import, unit standings. Transactions start here. */
package cn.weineng.organisation.application;
