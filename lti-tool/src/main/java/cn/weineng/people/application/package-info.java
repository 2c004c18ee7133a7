/** Finding learners by identifier; the attributes the rules need (学段, 学科, consented birth year). */
package cn.weineng.people.application;
