/**
 * LTI 1.3 launches: the OIDC login initiation, the id_token verified step by step (signature,
 * issuer, audience, times, single-use state and nonce, deployment, version, message type), the
 * launch recorded as an xAPI statement with its person, course and enrolment, and the page a
 * launched user lands on inside the LMS frame.
 */
package cn.weineng.launch;
