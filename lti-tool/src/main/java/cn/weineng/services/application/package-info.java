/** Grade links learned from launches, the score outbox, its delivery, and service tokens. */
package cn.weineng.services.application;
