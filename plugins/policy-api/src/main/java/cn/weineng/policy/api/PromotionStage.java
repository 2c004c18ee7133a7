package cn.weineng.policy.api;

import java.util.Objects;
import java.util.Set;

/**
 * One stage of a region's resource promotion (Fuyu: 个人提交作业 → 教研组和学校研磨作品 → 区域工作坊推送优品 → 项目组跨区域展评精品):
 * its key, its name, and the roles that may move a work into it. The first stage of a policy's list
 * is where every submitted work starts; each later stage is reached from the one before it only.
 */
public final class PromotionStage {

  private final String key;
  private final Text name;
  private final Set<String> roles;

  private PromotionStage(String key, Text name, Set<String> roles) {
    this.key = Objects.requireNonNull(key, "key");
    this.name = Objects.requireNonNull(name, "name");
    this.roles = Set.copyOf(roles);
  }

  /**
   * @param roles the host's role keys ({@code workshop_lead}, {@code school_admin}, {@code
   *     county_admin}, {@code subject_expert}, …) allowed to promote a work into this stage; empty
   *     for the first stage, which a submission enters by itself
   */
  public static PromotionStage of(String key, Text name, Set<String> roles) {
    return new PromotionStage(key, name, roles);
  }

  public String key() {
    return key;
  }

  public Text name() {
    return name;
  }

  public Set<String> roles() {
    return roles;
  }
}
