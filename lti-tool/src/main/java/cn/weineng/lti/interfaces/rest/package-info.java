/**
 * The REST API: implementations of the interfaces generated from openapi/openapi.yaml, the admin's
 * Basic authentication, the Jackson JSON provider, and RFC 9457 problem+json for every error (one
 * mapper per exception family; a generic 500 that logs a request id and reveals nothing).
 */
package cn.weineng.lti.interfaces.rest;
