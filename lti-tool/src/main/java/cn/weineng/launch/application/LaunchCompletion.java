package cn.weineng.launch.application;

import cn.weineng.launch.domain.LtiClaims;
import cn.weineng.platform.domain.Platform;
import cn.weineng.services.application.GradeOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Records an accepted launch in one transaction: its nonce as used (which makes its state
 * single-use), the person, course and enrolment with the launched statement ({@link
 * LaunchRecorder}), the grade link of a deep-linked task, and the frame session the page works
 * under. Either all of it is kept or none: a launch refused here (its state already used) leaves
 * nothing, and a launch that lost a race to a concurrent one is run again whole.
 */
@ApplicationScoped
public class LaunchCompletion {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject LoginStates states;
  @Inject LaunchRecorder recorder;
  @Inject FrameSessions frames;
  @Inject GradeOutbox grades;

  /** What the page needs of a recorded launch. */
  public record Completed(LaunchRecorder.Recorded recorded, String frameToken) {}

  @Transactional
  public Completed complete(LaunchValidator.Accepted accepted) {
    Launch launch = accepted.launch();
    Platform platform = em.find(Platform.class, launch.platformId());
    if (platform == null) {
      throw new LtiLaunchException(
          401, "unknown-platform", "The platform of this launch is no longer registered.");
    }
    if (!states.useNonce(platform.id(), accepted.nonce())) {
      throw new LtiLaunchException(
              401,
              "unknown-state",
              "The launch's state is unknown, expired or already used. Start the activity again from the course.")
          .about(platform.issuer(), platform.clientId());
    }
    LaunchRecorder.Recorded recorded = recorder.record(launch);
    if (launch.ags() != null
        && launch.ags().lineitem() != null
        && launch.ags().scopes().contains(LtiClaims.AGS_SCORE_SCOPE)
        && launch.custom().get("weineng_point") != null
        && launch.custom().get("weineng_task") != null) {
      // this activity's line item stands for the teacher's task: its grades go there
      grades.link(
          launch.platformId(),
          launch.ags().lineitem(),
          recorded.personId(),
          launch.subject(),
          launch.custom().getOrDefault("weineng_framework", "national-30"),
          launch.custom().get("weineng_point"),
          launch.custom().get("weineng_task"));
    }
    String token = frames.open(launch, recorded.personId(), platform.storeId());
    return new Completed(recorded, token);
  }
}
