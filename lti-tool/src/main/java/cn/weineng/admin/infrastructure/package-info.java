/** Password hashing. */
package cn.weineng.admin.infrastructure;
