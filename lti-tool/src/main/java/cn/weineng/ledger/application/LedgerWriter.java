package cn.weineng.ledger.application;

import cn.weineng.ledger.domain.AssessmentScoreEntity;
import cn.weineng.ledger.domain.CatalogueCourse;
import cn.weineng.ledger.domain.LedgerActivity;
import cn.weineng.people.application.PersonDirectory;
import cn.weineng.policy.api.LearningActivity;
import cn.weineng.xapi.application.StatementsStored;
import cn.weineng.xapi.application.StoredStatement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ledger's writer: one path for live ingestion and replay. Live, it hears every batch the LRS
 * stores, inside the storing transaction, so statements and their ledger rows commit together or
 * not at all; on replay it is handed the store's statements in stored order. Either way each
 * statement goes through {@link #credit}: a statement that an installed policy credits is kept as
 * one {@link LedgerActivity} row (what the teacher did, as the policies see it), a scored
 * assessment as a score, and a voiding statement removes its target's row and score. What a row
 * earns under a policy is derived when a standing is read ({@link StandingService}).
 */
@ApplicationScoped
public class LedgerWriter {

  private static final Logger LOG = Logger.getLogger(LedgerWriter.class.getName());

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject PolicyRegistry policies;
  @Inject PersonDirectory people;
  @Inject cn.weineng.xapi.application.StatementService lrs;
  @Inject cn.weineng.common.infrastructure.SchemaMigrator schema;

  private volatile Boolean postgreSql;

  /** Which database: asked once, not through the migrator's bean on every batch. */
  private boolean postgreSql() {
    Boolean known = postgreSql;
    if (known == null) {
      known = schema.isPostgreSql();
      postgreSql = known;
    }
    return known;
  }

  /** Where ledger rows go: JDBC batches, live and on a rebuild. */
  public interface Sink {
    void activity(LedgerActivity row);

    void score(AssessmentScoreEntity row);

    /** Writes what is held back, before rows are removed. */
    default void written() {}
  }

  /**
   * What the writer looks up per statement: the person an identifier belongs to and the catalogue
   * entry of an activity. A rebuild keeps them for the whole run.
   */
  public final class Lookups {
    private final java.util.Map<String, String> persons;
    private final java.util.Map<String, Optional<CatalogueCourse>> catalogue;
    private final java.util.Map<String, CatalogueCourse> listedInStore = new java.util.HashMap<>();
    private boolean catalogueKnown;

    Lookups(boolean remember) {
      persons = remember ? new java.util.HashMap<>() : null;
      catalogue = remember ? new java.util.HashMap<>() : null;
    }

    String person(String storeId, String ifi) {
      return persons == null
          ? people.resolve(storeId, ifi)
          : persons.computeIfAbsent(ifi, i -> people.resolve(storeId, i));
    }

    /** Reads the known learners and catalogue entries of a batch's statements in one query each. */
    void prefetch(String storeId, List<StoredStatement> statements) {
      java.util.Set<String> ifis = new java.util.HashSet<>();
      java.util.Set<String> activities = new java.util.HashSet<>();
      for (StoredStatement s : statements) {
        if (s.actorIfi() != null) {
          ifis.add(s.actorIfi());
        }
        if (s.activityId() != null) {
          activities.add(s.activityId());
          int hash = s.activityId().indexOf('#');
          if (hash >= 0) {
            activities.add(s.activityId().substring(0, hash));
          }
        }
      }
      if (!ifis.isEmpty()) {
        try {
          persons.putAll(
              PersonDirectory.known(
                  em.unwrap(java.sql.Connection.class), postgreSql(), storeId, ifis));
        } catch (java.sql.SQLException e) {
          throw new jakarta.persistence.PersistenceException(e);
        }
      }
      if (!activities.isEmpty()) {
        java.util.Map<String, CatalogueCourse> found = new java.util.HashMap<>();
        java.sql.Array ids;
        try {
          ids =
              em.unwrap(java.sql.Connection.class)
                  .createArrayOf("varchar", activities.toArray(new String[0]));
        } catch (java.sql.SQLException e) {
          throw new jakarta.persistence.PersistenceException(e);
        }
        @SuppressWarnings("unchecked")
        List<CatalogueCourse> listed =
            em.createNativeQuery(
                    cn.weineng.xapi.application.KeyedQueries.keyed(
                        postgreSql(), "s.*", "catalogue_course", "activity_id", ""),
                    CatalogueCourse.class)
                .setParameter(1, ids)
                .setParameter(2, storeId)
                .getResultList();
        for (CatalogueCourse c : listed) {
          found.put(c.activityId(), c);
        }
        for (StoredStatement s : statements) {
          String a = s.activityId();
          if (a != null) {
            CatalogueCourse c = found.get(a);
            int hash = a.indexOf('#');
            if (c == null && hash >= 0) {
              c = found.get(a.substring(0, hash));
            }
            catalogue.put(a, Optional.ofNullable(c));
          }
        }
      }
    }

    Optional<CatalogueCourse> listing(String storeId, String activityId) {
      if (catalogueKnown) {
        CatalogueCourse c = listedInStore.get(activityId);
        int hash = activityId.indexOf('#');
        if (c == null && hash >= 0) {
          c = listedInStore.get(activityId.substring(0, hash));
        }
        return Optional.ofNullable(c);
      }
      return catalogue == null
          ? listed(storeId, activityId)
          : catalogue.computeIfAbsent(activityId, a -> listed(storeId, a));
    }
  }

  /**
   * Lookups for a run over a whole store: the store's identities and catalogue are read once, up
   * front, and what is found later is remembered.
   */
  public Lookups remembering(String storeId) {
    Lookups l = new Lookups(true);
    for (Object[] row :
        em.createQuery(
                "select i.ifi, i.personId from PersonIdentity i where i.storeId = :store",
                Object[].class)
            .setParameter("store", storeId)
            .getResultList()) {
      l.persons.put((String) row[0], (String) row[1]);
    }
    for (CatalogueCourse c :
        em.createNamedQuery("CatalogueCourse.byStore", CatalogueCourse.class)
            .setParameter("store", storeId)
            .getResultList()) {
      l.listedInStore.put(c.activityId(), c);
    }
    l.catalogueKnown = true;
    return l;
  }

  /**
   * Live: the batch's learners and catalogue entries are looked up in one query each, and its rows
   * go to the storing transaction's connection as JDBC batches.
   */
  void onStored(@Observes StatementsStored event) {
    Lookups lookups = new Lookups(true);
    lookups.prefetch(event.storeId(), event.statements());
    try (LedgerRebuild.BatchSink sink =
        new LedgerRebuild.BatchSink(em.unwrap(java.sql.Connection.class), postgreSql())) {
      write(event.storeId(), event.statements(), event.voidedOnArrival(), sink, lookups);
    } catch (java.sql.SQLException e) {
      throw new jakarta.persistence.PersistenceException(e);
    }
  }

  /**
   * Records statements of one store, in order: the one crediting path, live and on replay.
   *
   * @return the number of ledger rows written, less those a voiding statement removed
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public long write(
      String storeId,
      List<StoredStatement> statements,
      java.util.Set<String> voidedOnArrival,
      Sink sink,
      Lookups lookups) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<String> voided = new ArrayList<>();
    long lines = 0;
    for (StoredStatement s : statements) {
      if (s.isVoiding()) {
        voided.add(s.voidingTarget());
      } else if (!voidedOnArrival.contains(s.statementId())) {
        lines += credit(storeId, s, now, sink, lookups);
      }
    }
    // voids last, so that a statement voided in its own batch leaves no row behind
    if (!voided.isEmpty()) {
      sink.written();
      em.flush();
      for (String target : voided) {
        em.createNamedQuery("AssessmentScore.deleteForStatement")
            .setParameter("store", storeId)
            .setParameter("statement", target)
            .executeUpdate();
      }
      // the ledger is keyed by storage position: the LRS says where the targets are
      java.util.Collection<Long> positions = lrs.positionsOf(storeId, voided).values();
      if (!positions.isEmpty()) {
        lines -=
            em.createNamedQuery("LedgerActivity.deleteAt")
                .setParameter("store", storeId)
                .setParameter("seqs", List.copyOf(positions))
                .executeUpdate();
      }
    }
    return lines;
  }

  /**
   * Forgets what was derived from statements that no longer exist (an actor's erasure): their hour
   * and credit facts and the assessment scores they carried. How many facts went.
   */
  @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.MANDATORY)
  public int forget(String storeId, List<Long> positions, List<String> statementIds) {
    int facts = 0;
    for (int i = 0; i < positions.size(); i += 500) {
      facts +=
          em.createNamedQuery("LedgerActivity.deleteAt")
              .setParameter("store", storeId)
              .setParameter(
                  "seqs", List.copyOf(positions.subList(i, Math.min(positions.size(), i + 500))))
              .executeUpdate();
    }
    for (String id : statementIds) {
      em.createNamedQuery("AssessmentScore.deleteForStatement")
          .setParameter("store", storeId)
          .setParameter("statement", id)
          .executeUpdate();
    }
    return facts;
  }

  private long credit(
      String storeId, StoredStatement s, OffsetDateTime now, Sink sink, Lookups lookups) {
    if (s.actorIfi() == null || s.activityId() == null) {
      return 0;
    }
    LearningActivity activity = ActivityFacts.of(s, lookups.listing(storeId, s.activityId()));
    if (ActivityFacts.ASSESSMENT.equals(activity.kind().orElse(null))) {
      recordScore(storeId, s, now, sink, lookups);
      return 0;
    }
    if (!creditedByAny(activity)) {
      return 0;
    }
    sink.activity(
        new LedgerActivity(
            s.seq(), storeId, lookups.person(storeId, s.actorIfi()), s.actorIfi(), activity, now));
    return 1;
  }

  /** Whether an installed policy credits the activity: only such activities are kept. */
  private boolean creditedByAny(LearningActivity activity) {
    for (PolicyRegistry.Installed p : policies.all()) {
      try {
        if (!p.policy().credit(activity).isEmpty()) {
          return true;
        }
      } catch (RuntimeException e) {
        // a faulty policy must not lose a valid statement: it is kept, and judged on reading
        LOG.log(
            Level.SEVERE,
            "policy " + p.id() + " failed to credit statement " + activity.statementId(),
            e);
        return true;
      }
    }
    return false;
  }

  /**
   * A score reported in a statement (activity type {@code …/activity-types/assessment}): the
   * assessment named by the profile's {@code assessment} extension, scored by the {@code
   * score-source} extension's source ({@code provider} by default), from {@code result.score} (raw
   * of max, else scaled of 1). A statement without an assessment key or a score records nothing.
   */
  private void recordScore(
      String storeId, StoredStatement s, OffsetDateTime now, Sink sink, Lookups lookups) {
    String assessment = s.extension(ActivityFacts.EXT_ASSESSMENT).orElse(null);
    String source = s.extension(ActivityFacts.EXT_SCORE_SOURCE).orElse("provider");
    if (assessment == null
        || !assessment.matches("[a-z][a-z0-9-]{0,63}")
        || !source.matches("[a-z][a-z0-9-]{0,63}")) {
      return;
    }
    java.math.BigDecimal value;
    java.math.BigDecimal max;
    if (s.scoreRaw() != null && s.scoreMax() != null && s.scoreMax() > 0) {
      value = java.math.BigDecimal.valueOf(s.scoreRaw());
      max = java.math.BigDecimal.valueOf(s.scoreMax());
    } else if (s.scoreScaled() != null) {
      value = java.math.BigDecimal.valueOf(Math.max(0, s.scoreScaled()) * 100);
      max = java.math.BigDecimal.valueOf(100);
    } else {
      return;
    }
    if (value.signum() < 0 || value.compareTo(max) > 0) {
      return;
    }
    String personId = lookups.person(storeId, s.actorIfi());
    sink.score(
        new AssessmentScoreEntity(
                java.util
                    .UUID
                    .nameUUIDFromBytes(
                        ("score|" + storeId + "|" + s.statementId())
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .toString(),
                personId,
                assessment,
                source,
                value,
                max,
                s.timestamp().atOffset(ZoneOffset.UTC),
                now)
            .fromStatement(storeId, s.statementId(), s.actorIfi()));
  }

  /** The catalogue entry of an activity in a store, if the institute lists it. */
  public Optional<CatalogueCourse> listed(String storeId, String activityId) {
    Optional<CatalogueCourse> exact = byActivity(storeId, activityId);
    int hash = activityId.indexOf('#');
    // a part of an activity (Moodle's …/view.php?id=7#submission) belongs to the activity
    return exact.isPresent() || hash < 0
        ? exact
        : byActivity(storeId, activityId.substring(0, hash));
  }

  private Optional<CatalogueCourse> byActivity(String storeId, String activityId) {
    return em.createNamedQuery("CatalogueCourse.byActivity", CatalogueCourse.class)
        .setParameter("store", storeId)
        .setParameter("activity", activityId)
        .getResultStream()
        .findFirst();
  }
}
