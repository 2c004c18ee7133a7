/**
 * The application's use cases, where transactions start: platform registration, OIDC login and
 * launch validation, recording launches, the hour ledger fed by the LRS's {@code StatementsStored}
 * event, progress under a policy, course reports, the admin account, and the policy registry.
 */
package cn.weineng.lti.application;
