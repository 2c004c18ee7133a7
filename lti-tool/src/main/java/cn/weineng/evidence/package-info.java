/**
 * 校本应用考核 in Weineng: a school's circled range of micro-ability points, teachers' selections within
 * it, evidence per point (uploads kept as LRS attachments, or a data rule over statements), reviews
 * 优秀/合格/不合格 by the roles the region names, admin overrides, resource promotion, and each teacher's
 * point standing. Every decision is also an xAPI statement in the LRS.
 */
package cn.weineng.evidence;
