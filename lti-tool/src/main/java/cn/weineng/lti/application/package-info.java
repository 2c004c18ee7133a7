/**
 * The application's use cases, where transactions start: platform registration, OIDC login and
 * launch validation, recording launches, progress under a policy for the launch page and course
 * reports, and the admin account. The ledger itself is {@code cn.weineng.ledger}.
 */
package cn.weineng.lti.application;
