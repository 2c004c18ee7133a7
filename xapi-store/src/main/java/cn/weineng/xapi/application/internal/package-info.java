/** Default implementations of the LRS use cases; transactional boundaries. */
package cn.weineng.xapi.application.internal;
