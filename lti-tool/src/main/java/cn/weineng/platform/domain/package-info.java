/** Platform registrations and the tool key. */
package cn.weineng.platform.domain;
