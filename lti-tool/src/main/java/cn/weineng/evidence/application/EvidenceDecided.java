package cn.weineng.evidence.application;

/**
 * A decision on a teacher's evidence, fired in the transaction that records it: a submission
 * (waiting for review: {@code level} null) or a reviewer's grade. Observers that send it elsewhere
 * (a platform's gradebook) queue their work in the same transaction.
 *
 * @param decision a stable id of the decision ({@code submission:<id>}, {@code review:<id>})
 * @param level {@code excellent}, {@code pass} or {@code fail}; null while waiting for review
 */
public record EvidenceDecided(
    String decision,
    String personId,
    String frameworkId,
    String code,
    String item,
    String level,
    String comment,
    java.time.OffsetDateTime at) {}
