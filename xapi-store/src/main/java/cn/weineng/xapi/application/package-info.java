/**
 * The LRS's use cases, called by its HTTP resources and, in-process, by the application (the LTI
 * launch writes its statement through {@link cn.weineng.xapi.application.StatementService}).
 * Transactions start here, in {@code internal}.
 */
package cn.weineng.xapi.application;
