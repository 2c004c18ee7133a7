/** The catalogue's REST edge. */
package cn.weineng.catalogue.interfaces;
