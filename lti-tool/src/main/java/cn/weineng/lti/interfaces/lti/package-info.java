/**
 * The LTI 1.3 endpoints (/lti/login, /lti/launch, /lti/jwks) and the page a launched user lands on
 * inside the LMS frame, in Chinese or English.
 */
package cn.weineng.lti.interfaces.lti;
