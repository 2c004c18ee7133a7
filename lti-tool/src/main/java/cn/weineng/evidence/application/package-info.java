/** Range, selection, submission, review, promotion, override, queue and point standing. */
package cn.weineng.evidence.application;
