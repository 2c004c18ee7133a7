/** Registering platforms and keeping the tool key. */
package cn.weineng.platform.application;
