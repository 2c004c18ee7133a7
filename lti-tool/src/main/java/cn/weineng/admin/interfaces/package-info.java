/** The admin capability's edges. */
package cn.weineng.admin.interfaces;
