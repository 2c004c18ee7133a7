package cn.weineng.policy.api;

import java.util.ArrayList;
import java.util.List;

/**
 * An organisation unit's standing under a policy's organisation rules (class sizes, workshops per
 * school, the subject → workshop mapping). Participation (参训率) and pass (合格率) rates are the host's,
 * computed from the learners' standings.
 */
public final class OrganisationStanding {

  private final List<Requirement> requirements;

  private OrganisationStanding(List<Requirement> requirements) {
    this.requirements = List.copyOf(requirements);
  }

  /** No organisation rules. */
  public static OrganisationStanding none() {
    return new OrganisationStanding(List.of());
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Requirement> requirements() {
    return requirements;
  }

  public boolean met() {
    return requirements.stream().allMatch(Requirement::met);
  }

  /** Builds an {@link OrganisationStanding}. */
  public static final class Builder {
    private final List<Requirement> requirements = new ArrayList<>();

    private Builder() {}

    public Builder requirement(Requirement r) {
      requirements.add(r);
      return this;
    }

    public OrganisationStanding build() {
      return new OrganisationStanding(requirements);
    }
  }
}
