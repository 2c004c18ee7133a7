/** Reports: learners' progress for the launch page, course reports as CSV. */
package cn.weineng.reports;
