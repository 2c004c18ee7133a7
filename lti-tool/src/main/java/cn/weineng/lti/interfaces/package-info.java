/** The application's edges: REST API, LTI endpoints and launch page, health checks. */
package cn.weineng.lti.interfaces;
