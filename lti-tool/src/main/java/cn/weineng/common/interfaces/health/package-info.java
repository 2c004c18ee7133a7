/** MicroProfile Health checks served at /health. */
package cn.weineng.common.interfaces.health;
