package cn.weineng.ledger.application;

import cn.weineng.ledger.domain.CatalogueCourse;
import cn.weineng.policy.api.LearningActivity;
import cn.weineng.xapi.application.StoredStatement;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a policy sees of a stored statement: the LRS's typed view, plus what the institute's
 * catalogue and Weineng's xAPI profile say of its activity. The catalogue wins over the profile: an
 * institute that lists an activity decides what it is worth.
 */
public final class ActivityFacts {

  /** Weineng's xAPI profile namespace; see docs/xapi-vocabulary.md. */
  public static final String PROFILE = "https://w3id.org/weineng/xapi";

  public static final String ACTIVITY_TYPES = PROFILE + "/activity-types/";
  public static final String EXT_NOMINAL_HOURS = PROFILE + "/extensions/nominal-hours";
  public static final String EXT_TOPICS = PROFILE + "/extensions/topics";
  public static final String EXT_ASSESSMENT = PROFILE + "/extensions/assessment";
  public static final String EXT_SCORE_SOURCE = PROFILE + "/extensions/score-source";

  /** The activity type of a scored assessment: its score is recorded, it earns no hours. */
  public static final String ASSESSMENT = "assessment";

  /** Activity types outside the profile that mean a kind by themselves. */
  static final Map<String, String> KIND_OF_TYPE =
      Map.of(
          "http://adlnet.gov/expapi/activities/course", "online-course",
          "http://adlnet.gov/expapi/activities/module", "online-course");

  /** The kinds of the profile, each an activity type {@code <PROFILE>/activity-types/<kind>}. */
  public static final Set<String> KINDS =
      Set.of(
          "online-course",
          "workshop",
          "practice",
          "school-based-research",
          "application-assessment",
          "smart-classroom-lesson",
          ASSESSMENT);

  private ActivityFacts() {}

  public static LearningActivity of(StoredStatement s, Optional<CatalogueCourse> listed) {
    LearningActivity.Builder b =
        LearningActivity.builder(s.statementId(), s.verbId(), s.timestamp())
            .activityId(s.activityId())
            .activityType(s.activityType())
            .duration(s.duration())
            .completion(s.completion())
            .success(s.success())
            .scoreScaled(s.scoreScaled());
    if (listed.isPresent()) {
      CatalogueCourse c = listed.get();
      return b.kind(c.kind())
          .nominalDuration(Duration.ofSeconds(c.nominalSeconds()))
          .topics(Set.copyOf(c.topics()))
          .catalogueCourseId(c.id())
          .completesPerCatalogue(c.verbs().contains(s.verbId()))
          .build();
    }
    return b.kind(kindOf(s.activityType()))
        .nominalDuration(nominal(s).orElse(null))
        .topics(topics(s))
        .build();
  }

  /** The profile kind an activity type means, or null. */
  public static String kindOf(String activityType) {
    if (activityType == null) {
      return null;
    }
    if (activityType.startsWith(ACTIVITY_TYPES)) {
      String kind = activityType.substring(ACTIVITY_TYPES.length());
      return KINDS.contains(kind) ? kind : null;
    }
    return KIND_OF_TYPE.get(activityType);
  }

  /** The profile's nominal-hours extension: a positive number of hours, at most 1000. */
  static Optional<Duration> nominal(StoredStatement s) {
    return s.extension(EXT_NOMINAL_HOURS)
        .flatMap(
            v -> {
              try {
                BigDecimal h = new BigDecimal(v.trim());
                if (h.signum() <= 0 || h.compareTo(BigDecimal.valueOf(1000)) > 0) {
                  return Optional.empty();
                }
                return Optional.of(
                    Duration.ofSeconds(h.multiply(BigDecimal.valueOf(3600)).longValue()));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** The profile's topics extension: a JSON array of strings, or one string. */
  static Set<String> topics(StoredStatement s) {
    Optional<String> raw = s.extension(EXT_TOPICS);
    if (raw.isEmpty()) {
      return Set.of();
    }
    Set<String> out = new LinkedHashSet<>();
    String v = raw.get().trim();
    if (v.startsWith("[")) {
      try {
        for (com.fasterxml.jackson.databind.JsonNode t : JSON.readTree(v)) {
          if (t.isTextual() && !t.asText().isBlank() && t.asText().length() <= 100) {
            out.add(t.asText().trim());
          }
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        return Set.of(); // the LRS stored valid JSON; a value that is not is not a topic list
      }
    } else if (!v.isEmpty() && v.length() <= 100) {
      out.add(v);
    }
    return out;
  }
}
