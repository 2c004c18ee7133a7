/** MicroProfile Health checks served at /health. */
package cn.weineng.lti.interfaces.health;
