/**
 * What an operator does: the admin account and its Basic authentication on /api, the LRS's stores
 * and credentials.
 */
package cn.weineng.admin;
