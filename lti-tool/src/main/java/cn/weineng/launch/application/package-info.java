/**
 * The launch use cases, where transactions start: login, launch validation, launch recording, the
 * purge of expired launch state.
 */
package cn.weineng.launch.application;
