/** The platform's LTI edge: Dynamic Registration's registration URL. */
package cn.weineng.platform.interfaces.lti;
