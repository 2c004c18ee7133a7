/**
 * The application's domain: platform registrations and launch state, people and their identities,
 * courses and enrolments, the hour ledger, the admin account, and the problems the application
 * refuses requests with. JPA-annotated entities, named queries {@code Entity.query}; nothing here
 * imports JAX-RS.
 */
package cn.weineng.lti.domain;
