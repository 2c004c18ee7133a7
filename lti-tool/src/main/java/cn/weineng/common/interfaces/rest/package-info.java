/**
 * The JAX-RS application and what every resource shares: the Jackson provider, RFC 9457
 * problem+json for every error (one mapper per exception family; a generic 500 that logs a request
 * id and reveals nothing), standard headers, date-time parameters, locales.
 */
package cn.weineng.common.interfaces.rest;
