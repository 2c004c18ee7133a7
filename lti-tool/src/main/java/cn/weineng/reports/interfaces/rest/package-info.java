/** The reports part of the REST API (generated interface {@code ProgressApi}). */
package cn.weineng.reports.interfaces.rest;
