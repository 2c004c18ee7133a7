package cn.weineng.lti.application;

import cn.weineng.lti.domain.LedgerEntry;
import cn.weineng.policy.api.HourCredit;
import cn.weineng.policy.api.LearningActivity;
import cn.weineng.xapi.application.StatementsStored;
import cn.weineng.xapi.domain.AgentIdentifier;
import cn.weineng.xapi.domain.StatementValidator;
import cn.weineng.xapi.domain.XapiDurations;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hour ledger's writer. Hears every batch the LRS stores, inside the storing transaction, and
 * writes what each statement earns under every installed policy; a voiding statement removes its
 * target's lines. Statements and their ledger lines therefore commit together or not at all.
 */
@ApplicationScoped
public class LedgerRecorder {

  private static final Logger LOG = Logger.getLogger(LedgerRecorder.class.getName());
  private static final String VOIDED = "http://adlnet.gov/expapi/verbs/voided";

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject PolicyRegistry policies;
  @Inject PersonDirectory people;

  void onStored(@Observes StatementsStored event) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<String> voided = new java.util.ArrayList<>();
    for (JsonNode s : event.statements()) {
      if (VOIDED.equals(s.path("verb").path("id").asText())) {
        voided.add(s.path("object").path("id").asText().toLowerCase(java.util.Locale.ROOT));
      } else if (!event.voidedOnArrival().contains(s.path("id").asText())) {
        credit(event.storeId(), s, now);
      }
    }
    // voids last, so that a statement voided in its own batch leaves no line behind
    if (!voided.isEmpty()) {
      em.flush();
      for (String target : voided) {
        em.createNamedQuery("LedgerEntry.deleteForStatement")
            .setParameter("store", event.storeId())
            .setParameter("statement", target)
            .executeUpdate();
      }
    }
  }

  private void credit(String storeId, JsonNode s, OffsetDateTime now) {
    Optional<LearningActivity> activity = activity(s);
    Optional<String> ifi = AgentIdentifier.of(s.get("actor"));
    if (activity.isEmpty() || ifi.isEmpty()) {
      return;
    }
    String personId = null;
    for (PolicyRegistry.Installed p : policies.all()) {
      List<HourCredit> credits;
      try {
        credits = p.policy().credit(activity.get());
      } catch (RuntimeException e) {
        // a faulty policy must not lose a valid statement; the line is missing until a replay
        LOG.log(
            Level.SEVERE,
            "policy " + p.id() + " failed to credit statement " + activity.get().statementId(),
            e);
        continue;
      }
      for (HourCredit c : credits) {
        if (personId == null) {
          personId = people.resolve(storeId, ifi.get());
        }
        em.persist(
            new LedgerEntry(
                storeId,
                personId,
                p.id(),
                p.rulesetVersion(),
                activity.get().statementId(),
                activity.get().activityId(),
                c.bucket(),
                c.seconds(),
                activity.get().timestamp().atOffset(ZoneOffset.UTC),
                c.rule(),
                now));
      }
    }
  }

  /**
   * The facts a policy sees of a statement; empty when the statement's object is not an activity.
   */
  static Optional<LearningActivity> activity(JsonNode s) {
    JsonNode object = s.path("object");
    if (!"Activity".equals(object.path("objectType").asText("Activity"))) {
      return Optional.empty();
    }
    JsonNode result = s.path("result");
    Duration duration =
        result.hasNonNull("duration")
            ? XapiDurations.exact(result.get("duration").asText()).orElse(null)
            : null;
    return Optional.of(
        new LearningActivity(
            s.get("id").asText(),
            s.path("verb").path("id").asText(),
            object.path("id").asText(),
            object.path("definition").path("type").asText(null),
            StatementValidator.Timestamps.parse(s.get("timestamp").asText()).toInstant(),
            duration,
            result.has("completion") ? result.get("completion").asBoolean() : null,
            result.has("success") ? result.get("success").asBoolean() : null));
  }
}
