package cn.weineng.ledger.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.weineng.policy.api.PolicyConfig;
import cn.weineng.policy.api.RegionPolicy;
import cn.weineng.policy.api.RegionPolicyFactory;
import cn.weineng.policy.national.NationalBaselinePolicyFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PolicyRegistryTest {

  @Test
  void givesEachPolicyOnlyItsOwnConfigurationSlice() {
    AtomicReference<PolicyConfig> seen = new AtomicReference<>();
    RegionPolicyFactory f = factory("cn-test-2026", RegionPolicyFactory.SPI_VERSION, seen);
    PolicyRegistry.load(
        List.of(f),
        Map.of(
            "policy.cn-test-2026.hours.total.min",
            "60",
            "policy.other.x",
            "1",
            "weineng.public-url",
            "u"));
    assertThat(seen.get().values()).containsExactly(Map.entry("hours.total.min", "60"));
  }

  @Test
  void refusesTwoPoliciesWithOneId() {
    assertThatThrownBy(
            () ->
                PolicyRegistry.load(
                    List.of(
                        new NationalBaselinePolicyFactory(), new NationalBaselinePolicyFactory()),
                    Map.of()))
        .hasMessageContaining("two policies have the id cn-national-2019");
  }

  @Test
  void refusesAPolicyNeedingANewerSpi() {
    assertThatThrownBy(
            () ->
                PolicyRegistry.load(
                    List.of(
                        factory(
                            "cn-future",
                            RegionPolicyFactory.SPI_VERSION + 1,
                            new AtomicReference<>())),
                    Map.of()))
        .hasMessageContaining("needs SPI version");
  }

  @Test
  void refusesAPolicyWrittenForTheFirstSpi() {
    assertThatThrownBy(
            () ->
                PolicyRegistry.load(
                    List.of(factory("cn-old", 1, new AtomicReference<>())), Map.of()))
        .hasMessageContaining("SPI version 1");
  }

  @Test
  void refusesAnIdThatIsNotLowerKebab() {
    assertThatThrownBy(
            () ->
                PolicyRegistry.load(
                    List.of(
                        factory(
                            "CN_Test", RegionPolicyFactory.SPI_VERSION, new AtomicReference<>())),
                    Map.of()))
        .hasMessageContaining("not lower-kebab");
  }

  @Test
  void stopsOnAConfigurationThePolicyRefuses() {
    assertThatThrownBy(
            () ->
                PolicyRegistry.load(
                    List.of(new NationalBaselinePolicyFactory()),
                    Map.of("policy.cn-national-2019.hours.total.min", "lots")))
        .hasMessageContaining("hours.total.min");
  }

  private static RegionPolicyFactory factory(
      String id, int spi, AtomicReference<PolicyConfig> seen) {
    return new RegionPolicyFactory() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public int requiresSpi() {
        return spi;
      }

      @Override
      public String rulesetVersion() {
        return "1";
      }

      @Override
      public String displayName(Locale locale) {
        return id;
      }

      @Override
      public List<String> buckets() {
        return List.of("all");
      }

      @Override
      public RegionPolicy create(PolicyConfig config) {
        seen.set(config);
        return null;
      }
    };
  }
}
