/** The evidence capability's REST edge. */
package cn.weineng.evidence.interfaces;
