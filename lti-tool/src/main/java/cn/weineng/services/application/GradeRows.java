package cn.weineng.services.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The score outbox's rows, each change in its own short transaction. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class GradeRows {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  /**
   * Up to {@code limit} rows due now (or, with {@code waitingToo}, every row still to send, its
   * backoff ignored), oldest first.
   */
  @SuppressWarnings("unchecked")
  public List<String> due(int limit, boolean waitingToo) {
    return em.createNativeQuery(
            "select id from ags_score where sent_at is null and failed_at is null"
                + " and superseded_at is null and next_attempt_at <= ?"
                + " and (claimed_until is null or claimed_until < ?) order by created_at, id")
        .setParameter(1, waitingToo ? now().plusYears(100) : now())
        .setParameter(2, now())
        .setMaxResults(limit)
        .getResultList();
  }

  /** Claims a row for a minute; false when another node claimed it first. */
  public boolean claim(String id) {
    return em.createNativeQuery(
                "update ags_score set claimed_until = ? where id = ? and sent_at is null"
                    + " and (claimed_until is null or claimed_until < ?)")
            .setParameter(1, now().plusMinutes(1))
            .setParameter(2, id)
            .setParameter(3, now())
            .executeUpdate()
        == 1;
  }

  public Object[] row(String id) {
    return (Object[])
        em.createNativeQuery(
                "select platform_id, lineitem, payload, attempts from ags_score where id = ?")
            .setParameter(1, id)
            .getSingleResult();
  }

  public void sent(String id) {
    em.createNativeQuery("update ags_score set sent_at = ?, claimed_until = null where id = ?")
        .setParameter(1, now())
        .setParameter(2, id)
        .executeUpdate();
  }

  public void failedAttempt(String id, int attempts, String error, boolean give) {
    long delay = Math.min(3600, 30L << Math.min(attempts - 1, 7));
    // a typed null does not bind on every driver: the column is named only when it is set
    em.createNativeQuery(
            "update ags_score set attempts = ?, last_error = ?, next_attempt_at = ?,"
                + " claimed_until = null"
                + (give ? ", failed_at = current_timestamp" : "")
                + " where id = ?")
        .setParameter(1, attempts)
        .setParameter(2, error.length() > 500 ? error.substring(0, 500) : error)
        .setParameter(3, now().plus(Duration.ofSeconds(delay)))
        .setParameter(4, id)
        .executeUpdate();
  }

  public int reopenFailed() {
    return em.createNativeQuery(
            "update ags_score set failed_at = null, attempts = 0, next_attempt_at = ?"
                + " where failed_at is not null and sent_at is null")
        .setParameter(1, now())
        .executeUpdate();
  }

  /** How many wait to be sent. */
  public long waiting() {
    return ((Number)
            em.createNativeQuery(
                    "select count(*) from ags_score where sent_at is null and failed_at is null"
                        + " and superseded_at is null")
                .getSingleResult())
        .longValue();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  /** One queued score, as an admin sees it. */
  public record Delivery(
      String id,
      String lineitem,
      String userId,
      String decision,
      String state,
      int attempts,
      OffsetDateTime createdAt,
      OffsetDateTime nextAttemptAt,
      OffsetDateTime sentAt,
      String lastError,
      String payload) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  @SuppressWarnings("unchecked")
  public List<Delivery> list(String platformId, String state) {
    String where =
        switch (state == null ? "" : state) {
          case "pending" -> " and sent_at is null and failed_at is null and superseded_at is null";
          case "sent" -> " and sent_at is not null";
          case "failed" -> " and failed_at is not null and sent_at is null";
          case "superseded" -> " and superseded_at is not null and sent_at is null";
          default -> "";
        };
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, lineitem, user_sub, decision, attempts, created_at, next_attempt_at,"
                    + " sent_at, failed_at, superseded_at, last_error, payload from ags_score"
                    + " where platform_id = ?"
                    + where
                    + " order by created_at desc, id")
            .setParameter(1, platformId)
            .setMaxResults(500)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Delivery(
                    (String) r[0],
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    r[7] != null
                        ? "sent"
                        : r[8] != null ? "failed" : r[9] != null ? "superseded" : "pending",
                    ((Number) r[4]).intValue(),
                    time(r[5]),
                    time(r[6]),
                    time(r[7]),
                    (String) r[10],
                    (String) r[11]))
        .toList();
  }

  private static OffsetDateTime time(Object o) {
    if (o instanceof OffsetDateTime t) {
      return t;
    }
    if (o instanceof java.sql.Timestamp t) {
      return t.toInstant().atOffset(ZoneOffset.UTC);
    }
    if (o instanceof java.time.Instant i) {
      return i.atOffset(ZoneOffset.UTC);
    }
    return null;
  }
}
