package cn.weineng.policy.national;

import java.util.Set;

/**
 * The xAPI verbs and activity types the baseline's hour rules match. See docs/xapi-vocabulary.md.
 */
final class Vocabulary {

  private Vocabulary() {}

  static final String VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed";
  static final String VERB_PASSED = "http://adlnet.gov/expapi/verbs/passed";

  /** Online study: an ADL course or module completed on a course platform. */
  static final Set<String> ONLINE_TYPES =
      Set.of(
          "http://adlnet.gov/expapi/activities/course",
          "http://adlnet.gov/expapi/activities/module",
          "https://w3id.org/weineng/xapi/activity-types/online-course");

  /** Practice: school-based practice (校本实践应用) and classroom application activities. */
  static final Set<String> PRACTICE_TYPES =
      Set.of(
          "https://w3id.org/weineng/xapi/activity-types/practice",
          "https://w3id.org/weineng/xapi/activity-types/school-based-research");
}
