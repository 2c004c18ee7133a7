package cn.weineng.policy.yueyang;

import static org.assertj.core.api.Assertions.assertThat;

import cn.weineng.policy.api.RegionPolicyFactory;
import cn.weineng.policy.api.testing.GoldenCases;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The policy's golden cases (src/test/resources/cases), and that the host can find it. */
class GoldenCasesTest {

  static Stream<String> cases() throws Exception {
    return GoldenCases.names(GoldenCasesTest.class);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesExpected(String name) throws Exception {
    GoldenCases.Outcome o =
        GoldenCases.run(GoldenCasesTest.class, new YueyangPolicyFactory(), name);
    assertThat(o.expected()).as(name + ".expected.json").isNotNull();
    assertThat((Object) o.actual()).as(name).isEqualTo(o.expected());
  }

  @Test
  void serviceLoaderFindsThePolicy() {
    assertThat(ServiceLoader.load(RegionPolicyFactory.class).stream().map(p -> p.get().id()))
        .contains("cn-hn-yueyang-2021");
  }
}
