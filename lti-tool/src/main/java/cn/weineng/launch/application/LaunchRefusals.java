package cn.weineng.launch.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * What an admin needs to see when teachers say "the tool won't open": each refused LTI request, its
 * check and sentence, and the issuer and client it named (as sent, unverified). Kept 30 days.
 */
@ApplicationScoped
public class LaunchRefusals {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  /** One refusal. */
  public record Refusal(
      OffsetDateTime at,
      String endpoint,
      String check,
      int status,
      String message,
      String issuer,
      String clientId) {}

  /** Records a refusal in its own transaction (the refused request's is rolled back). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void record(
      String endpoint, String check, int status, String message, String issuer, String clientId) {
    em.createNativeQuery(
            "insert into lti_refusal (id, at, endpoint, check_name, status, message, issuer,"
                + " client_id) values (?, ?, ?, ?, ?, ?, ?, ?)")
        .setParameter(1, UUID.randomUUID().toString())
        .setParameter(2, OffsetDateTime.now(ZoneOffset.UTC))
        .setParameter(3, clip(endpoint, 32))
        .setParameter(4, clip(check, 64))
        .setParameter(5, status)
        .setParameter(6, clip(message, 500))
        .setParameter(7, clip(issuer, 500))
        .setParameter(8, clip(clientId, 200))
        .executeUpdate();
  }

  /** The latest refusals, newest first; with an issuer, only those naming it. */
  @Transactional(Transactional.TxType.SUPPORTS)
  @SuppressWarnings("unchecked")
  public List<Refusal> latest(String issuer, int limit) {
    var q =
        em.createNativeQuery(
            "select at, endpoint, check_name, status, message, issuer, client_id from lti_refusal"
                + (issuer == null ? "" : " where issuer = ?")
                + " order by at desc, id");
    if (issuer != null) {
      q.setParameter(1, issuer);
    }
    List<Object[]> rows = q.setMaxResults(Math.max(1, Math.min(limit, 500))).getResultList();
    return rows.stream()
        .map(
            r ->
                new Refusal(
                    r[0] instanceof OffsetDateTime t
                        ? t
                        : ((java.sql.Timestamp) r[0]).toInstant().atOffset(ZoneOffset.UTC),
                    (String) r[1],
                    (String) r[2],
                    ((Number) r[3]).intValue(),
                    (String) r[4],
                    (String) r[5],
                    (String) r[6]))
        .toList();
  }

  /** Deletes refusals older than 30 days. */
  @Transactional
  public int purgeOld() {
    return em.createNativeQuery("delete from lti_refusal where at < ?")
        .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC).minusDays(30))
        .executeUpdate();
  }

  private static String clip(String s, int max) {
    return s == null ? null : s.length() <= max ? s : s.substring(0, max);
  }
}
