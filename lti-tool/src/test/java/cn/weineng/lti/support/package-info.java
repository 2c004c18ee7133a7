/**
 * Integration-test fixtures: the real Weineng on Payara Micro in its own process (one per test run
 * and database), a test LTI platform that signs id_tokens, and clients of the REST API and the LRS.
 */
package cn.weineng.lti.support;
