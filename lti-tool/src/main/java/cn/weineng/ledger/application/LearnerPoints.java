package cn.weineng.ledger.application;

import cn.weineng.people.domain.Person;
import cn.weineng.policy.api.PointFacts;
import cn.weineng.policy.api.RegionPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where learners stand on micro-abilities, for their standing: the range their school circled and
 * each selected point with its result. Implemented by the evidence capability; a standing without
 * it sees no points.
 */
public interface LearnerPoints {

  /**
   * @param range the codes the learner's school circled, or null when it circled none
   * @param selected the learner's selected points, each with its result under the policy
   */
  record Points(Set<String> range, List<PointFacts> selected) {
    public static final Points NONE = new Points(null, List.of());
  }

  /** The points of each person (by id), judged as the policy accepts evidence. */
  Map<String, Points> of(List<Person> people, RegionPolicy policy);
}
