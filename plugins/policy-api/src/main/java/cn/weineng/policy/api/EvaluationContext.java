package cn.weineng.policy.api;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The circumstances of one evaluation: the instant the verdict is for (later lines are ignored) and
 * the time zone in which days, school years and semesters are reckoned (Asia/Shanghai unless the
 * host says otherwise).
 */
public final class EvaluationContext {

  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final Instant asOf;
  private final ZoneId zone;

  private EvaluationContext(Instant asOf, ZoneId zone) {
    this.asOf = Objects.requireNonNull(asOf, "asOf");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  public static EvaluationContext at(Instant asOf) {
    return new EvaluationContext(asOf, CHINA);
  }

  public EvaluationContext inZone(ZoneId zone) {
    return new EvaluationContext(asOf, zone);
  }

  public Instant asOf() {
    return asOf;
  }

  public ZoneId zone() {
    return zone;
  }
}
