/**
 * {@code /api/micro-abilities/frameworks}: catalogues, corrections, CASE and Moodle CSV exports.
 */
package cn.weineng.catalogue.interfaces.rest;
