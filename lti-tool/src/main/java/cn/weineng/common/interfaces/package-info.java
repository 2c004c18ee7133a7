/** The shared edge. */
package cn.weineng.common.interfaces;
