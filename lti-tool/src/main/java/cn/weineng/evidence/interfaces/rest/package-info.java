/** Ranges, selections, evidence uploads and downloads, reviews, promotion, overrides, queues. */
package cn.weineng.evidence.interfaces.rest;
