/**
 * Weineng's application: the LTI 1.3 tool, the hour ledger that runs region policies over the
 * statements of the embedded LRS, progress and reports, the REST API and the launch page.
 */
package cn.weineng.lti;
