/**
 * The LTI 1.3 endpoints (/lti/login, /lti/launch, /lti/jwks) and the launch page, in Chinese or
 * English; a refused launch answers a page that names the failed check.
 */
package cn.weineng.launch.interfaces.lti;
