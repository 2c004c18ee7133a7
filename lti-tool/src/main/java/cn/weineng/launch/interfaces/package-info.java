/** The launch capability's edges. */
package cn.weineng.launch.interfaces;
