/** The admin account (a PBKDF2 hash, never the password). */
package cn.weineng.admin.domain;
