/**
 * LTI Advantage services Weineng calls on a platform: Assignment and Grade Services (scores to the
 * gradebook, queued with the decision that causes them and delivered in the background) and, next,
 * Names and Role Provisioning.
 */
package cn.weineng.services;
