/** The platform capability's edges. */
package cn.weineng.platform.interfaces;
