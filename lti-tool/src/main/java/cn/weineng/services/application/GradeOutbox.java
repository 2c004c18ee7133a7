package cn.weineng.services.application;

import cn.weineng.evidence.application.EvidenceDecided;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The platform gradebook's side of a decision: a launch of a deep-linked micro-ability task with a
 * line item records which line item stands for which task of which person (a grade link); an
 * evidence decision queues, in its own transaction, one score per grade link of that task — {@code
 * PendingManual} while the item waits for review, {@code FullyGraded} with the grade after (优秀 100,
 * 合格 80, 不合格 0 of 100) — and supersedes that link's older scores not yet sent.
 */
@ApplicationScoped
public class GradeOutbox {

  static final ObjectMapper JSON = new ObjectMapper();

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  /** Remembers that this line item stands for the person's task on this platform. */
  @Transactional
  public void link(
      String platformId,
      String lineitem,
      String personId,
      String userSub,
      String frameworkId,
      String code,
      String item) {
    int updated =
        em.createNativeQuery(
                "update ags_target set user_sub = ?, framework_id = ?, code = ?, item = ?,"
                    + " updated_at = ? where platform_id = ? and lineitem = ? and person_id = ?")
            .setParameter(1, userSub)
            .setParameter(2, frameworkId)
            .setParameter(3, code)
            .setParameter(4, item)
            .setParameter(5, OffsetDateTime.now(ZoneOffset.UTC))
            .setParameter(6, platformId)
            .setParameter(7, lineitem)
            .setParameter(8, personId)
            .executeUpdate();
    if (updated == 0) {
      em.createNativeQuery(
              "insert into ags_target (platform_id, lineitem, person_id, user_sub, framework_id,"
                  + " code, item, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
          .setParameter(1, platformId)
          .setParameter(2, lineitem)
          .setParameter(3, personId)
          .setParameter(4, userSub)
          .setParameter(5, frameworkId)
          .setParameter(6, code)
          .setParameter(7, item)
          .setParameter(8, OffsetDateTime.now(ZoneOffset.UTC))
          .executeUpdate();
    }
  }

  /** Queues the decision's scores, in the decision's transaction. */
  void queue(@Observes EvidenceDecided d) {
    @SuppressWarnings("unchecked")
    List<Object[]> links =
        em.createNativeQuery(
                "select platform_id, lineitem, user_sub from ags_target where person_id = ?"
                    + " and framework_id = ? and code = ? and item = ?")
            .setParameter(1, d.personId())
            .setParameter(2, d.frameworkId())
            .setParameter(3, d.code())
            .setParameter(4, d.item())
            .getResultList();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (Object[] l : links) {
      String platform = (String) l[0];
      String lineitem = (String) l[1];
      String sub = (String) l[2];
      em.createNativeQuery(
              "update ags_score set superseded_at = ? where platform_id = ? and lineitem = ?"
                  + " and user_sub = ? and sent_at is null and failed_at is null"
                  + " and superseded_at is null")
          .setParameter(1, now)
          .setParameter(2, platform)
          .setParameter(3, lineitem)
          .setParameter(4, sub)
          .executeUpdate();
      em.createNativeQuery(
              "insert into ags_score (id, platform_id, lineitem, user_sub, decision, payload,"
                  + " created_at, attempts, next_attempt_at) values (?, ?, ?, ?, ?, ?, ?, 0, ?)")
          .setParameter(1, UUID.randomUUID().toString())
          .setParameter(2, platform)
          .setParameter(3, lineitem)
          .setParameter(4, sub)
          .setParameter(5, d.decision())
          .setParameter(6, score(sub, d).toString())
          .setParameter(7, now)
          .setParameter(8, now)
          .executeUpdate();
    }
  }

  /** Queues one score for a line item and user, superseding that target's older unsent ones. */
  @Transactional
  public void enqueue(
      String platform, String lineitem, String sub, String decision, ObjectNode score) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    em.createNativeQuery(
            "update ags_score set superseded_at = ? where platform_id = ? and lineitem = ?"
                + " and user_sub = ? and sent_at is null and failed_at is null"
                + " and superseded_at is null")
        .setParameter(1, now)
        .setParameter(2, platform)
        .setParameter(3, lineitem)
        .setParameter(4, sub)
        .executeUpdate();
    em.createNativeQuery(
            "insert into ags_score (id, platform_id, lineitem, user_sub, decision, payload,"
                + " created_at, attempts, next_attempt_at) values (?, ?, ?, ?, ?, ?, ?, 0, ?)")
        .setParameter(1, UUID.randomUUID().toString())
        .setParameter(2, platform)
        .setParameter(3, lineitem)
        .setParameter(4, sub)
        .setParameter(5, decision)
        .setParameter(6, score.toString())
        .setParameter(7, now)
        .setParameter(8, now)
        .executeUpdate();
  }

  /** The AGS score document (AGS 2.0 §3.4). */
  static ObjectNode score(String userId, EvidenceDecided d) {
    ObjectNode s = JSON.createObjectNode();
    s.put("userId", userId);
    s.put("timestamp", d.at().withOffsetSameInstant(ZoneOffset.UTC).toString());
    if (d.level() == null) {
      s.put("activityProgress", "Submitted");
      s.put("gradingProgress", "PendingManual");
    } else {
      s.put(
          "scoreGiven",
          switch (d.level()) {
            case "excellent" -> 100;
            case "pass" -> 80;
            default -> 0;
          });
      s.put("scoreMaximum", 100);
      s.put("activityProgress", "Completed");
      s.put("gradingProgress", "FullyGraded");
      String label =
          switch (d.level()) {
            case "excellent" -> "优秀";
            case "pass" -> "合格";
            default -> "不合格";
          };
      s.put("comment", d.comment() == null ? label : label + "：" + d.comment());
    }
    return s;
  }
}
