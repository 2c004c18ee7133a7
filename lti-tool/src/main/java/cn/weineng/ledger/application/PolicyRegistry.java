package cn.weineng.ledger.application;

import cn.weineng.common.domain.Problem;
import cn.weineng.policy.api.PolicyConfig;
import cn.weineng.policy.api.RegionPolicy;
import cn.weineng.policy.api.RegionPolicyFactory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The installed region policies, found with {@link ServiceLoader} at start-up. Fails fast on a
 * duplicate id, an SPI version this host does not implement, or a configuration the policy refuses.
 */
@ApplicationScoped
public class PolicyRegistry {

  private static final Logger LOG = Logger.getLogger(PolicyRegistry.class.getName());

  private Map<String, Installed> policies = Map.of();

  /** A loaded policy: its factory (names, buckets, versions) and the configured policy. */
  public record Installed(
      RegionPolicyFactory factory, RegionPolicy policy, Map<String, String> configuration) {
    public Installed(RegionPolicyFactory factory, RegionPolicy policy) {
      this(factory, policy, Map.of());
    }

    public String id() {
      return factory.id();
    }

    public String rulesetVersion() {
      return factory.rulesetVersion();
    }
  }

  /** Loads at deployment, so a broken plugin stops the start instead of the first request. */
  void loadAtStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    policies.size();
  }

  @PostConstruct
  void load() {
    policies =
        Collections.unmodifiableMap(
            load(
                ServiceLoader.load(
                    RegionPolicyFactory.class, PolicyRegistry.class.getClassLoader()),
                config()));
  }

  static Map<String, Installed> load(
      Iterable<RegionPolicyFactory> factories, Map<String, String> config) {
    Map<String, Installed> out = new LinkedHashMap<>();
    for (RegionPolicyFactory f : factories) {
      String where =
          String.valueOf(
              f.getClass().getProtectionDomain().getCodeSource() == null
                  ? "?"
                  : f.getClass().getProtectionDomain().getCodeSource().getLocation());
      if (f.requiresSpi() != RegionPolicyFactory.SPI_VERSION) {
        throw new IllegalStateException(
            "policy "
                + f.id()
                + " from "
                + where
                + " needs SPI version "
                + f.requiresSpi()
                + " but this Weineng implements only SPI version "
                + RegionPolicyFactory.SPI_VERSION);
      }
      if (!f.id().matches("[a-z0-9]+(-[a-z0-9]+)*")) {
        throw new IllegalStateException(
            "policy id '" + f.id() + "' from " + where + " is not lower-kebab");
      }
      if (out.containsKey(f.id())) {
        throw new IllegalStateException(
            "two policies have the id " + f.id() + "; the second is in " + where);
      }
      String prefix = "policy." + f.id() + ".";
      Map<String, String> slice = new HashMap<>();
      config.forEach(
          (k, v) -> {
            if (k.startsWith(prefix)) {
              slice.put(k.substring(prefix.length()), v);
            }
          });
      RegionPolicy policy = f.create(new PolicyConfig(slice));
      out.put(f.id(), new Installed(f, policy, Map.copyOf(slice)));
      LOG.info(
          () -> "policy " + f.id() + " rule set " + f.rulesetVersion() + " loaded from " + where);
    }
    return out;
  }

  private static Map<String, String> config() {
    Config c = ConfigProvider.getConfig(PolicyRegistry.class.getClassLoader());
    Map<String, String> out = new HashMap<>();
    for (String name : c.getPropertyNames()) {
      if (name.startsWith("policy.")) {
        c.getOptionalValue(name, String.class).ifPresent(v -> out.put(name, v));
      }
    }
    return out;
  }

  /**
   * The installed policy with more settings laid over its configuration, for a what-if: never used
   * to write the ledger. A setting the policy refuses is a 400 naming it.
   */
  public RegionPolicy configure(String id, Map<String, String> overrides) {
    Installed p = require(id);
    if (overrides == null || overrides.isEmpty()) {
      return p.policy();
    }
    Map<String, String> slice = new HashMap<>(p.configuration());
    slice.putAll(overrides);
    try {
      return p.factory().create(new PolicyConfig(slice));
    } catch (IllegalArgumentException e) {
      throw Problem.invalid(
          e.getMessage(), java.util.List.of(new Problem.FieldError("settings", e.getMessage())));
    }
  }

  public Collection<Installed> all() {
    return policies.values();
  }

  public Optional<Installed> find(String id) {
    return Optional.ofNullable(id == null ? null : policies.get(id));
  }

  public Installed require(String id) {
    return find(id)
        .orElseThrow(
            () ->
                new Problem(
                    400,
                    "unknown-policy",
                    "Unknown policy",
                    "no policy '" + id + "' is installed; installed: " + policies.keySet()));
  }
}
