/**
 * Problems the application refuses requests with: a status, a stable slug and the fields at fault.
 */
package cn.weineng.common.domain;
