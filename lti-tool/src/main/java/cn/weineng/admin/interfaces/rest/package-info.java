/** The admin-only marker and filter of the REST API, and /api/stores and /api/lrs/credentials. */
package cn.weineng.admin.interfaces.rest;
