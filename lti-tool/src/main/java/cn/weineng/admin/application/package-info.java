/**
 * The admin account, bootstrapped at start-up from WEINENG_ADMIN_PASSWORD or a random password
 * written to an owner-only file.
 */
package cn.weineng.admin.application;
