/** Submissions and reviews (JPA entities), the min-aggregation of grades, media-type sniffing. */
package cn.weineng.evidence.domain;
