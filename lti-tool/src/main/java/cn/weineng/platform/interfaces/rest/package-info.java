/** /api/platforms. */
package cn.weineng.platform.interfaces.rest;
