/**
 * Load drivers that measure a running Weineng over HTTP; run by scripts/benchmark.sh, never by the
 * test suite.
 */
package cn.weineng.lti.bench;
