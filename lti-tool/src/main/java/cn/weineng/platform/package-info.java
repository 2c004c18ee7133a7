/**
 * The LMS platforms Weineng trusts: registrations (issuer, client id, deployments, endpoints, the
 * policy of their teachers), the platforms' key sets, and Weineng's own signing key.
 */
package cn.weineng.platform;
