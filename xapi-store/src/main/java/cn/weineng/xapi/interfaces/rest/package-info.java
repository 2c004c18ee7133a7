/**
 * The xAPI HTTP resources under {@code /xapi}: About and Statements, the version-header and
 * Basic-auth filter, and the mapping of refusals to the status codes the xAPI specification
 * requires, with a problem+json body naming what was wrong and where.
 */
package cn.weineng.xapi.interfaces.rest;
