/** Progress under a policy and the CSV course report. */
package cn.weineng.reports.application;
