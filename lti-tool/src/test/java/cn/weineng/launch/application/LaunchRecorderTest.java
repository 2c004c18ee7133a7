package cn.weineng.launch.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.weineng.platform.domain.Platform;
import cn.weineng.xapi.domain.StatementValidator;
import cn.weineng.xapi.domain.XapiVersion;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LaunchRecorderTest {

  private static final Platform PLATFORM =
      new Platform(
          "p-1",
          "Moodle",
          "https://moodle.example.cn",
          "client",
          Set.of("d-1"),
          "https://moodle.example.cn/auth",
          null,
          "https://moodle.example.cn/jwks",
          "default",
          "cn-national-2019",
          OffsetDateTime.now());

  private static Launch launch(String locale) {
    return new Launch(
        "p-1",
        "https://moodle.example.cn",
        "d-1",
        "user-42",
        "张晓梅",
        List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"),
        "rl/7 a",
        "微能力",
        "course 9",
        "能力提升",
        "ITAP",
        locale,
        "http://127.0.0.1:8080/lti/launch",
        "moodle",
        Map.of(),
        null);
  }

  private static LaunchRecorder recorder() {
    LaunchRecorder r = new LaunchRecorder();
    r.publicUrl = cn.weineng.common.infrastructure.PublicUrl.of("https://weineng.example.cn/");
    return r;
  }

  @Test
  void writesAValidStatementWithTheLtiAccountAndNoPersonalName() {
    ObjectNode s = recorder().launchStatement(PLATFORM, launch("zh-CN"));
    assertThat(new StatementValidator(XapiVersion.V1_0_3).validate(s, "statement")).isEmpty();
    assertThat(s.at("/actor/account/homePage").asText()).isEqualTo("https://moodle.example.cn");
    assertThat(s.at("/actor/account/name").asText()).isEqualTo("user-42");
    assertThat(s.toString()).doesNotContain("张晓梅");
    assertThat(s.at("/object/id").asText())
        .isEqualTo("https://weineng.example.cn/activities/lti/p-1/resource-link/rl%2F7+a");
    assertThat(s.at("/context/contextActivities/parent/0/id").asText())
        .endsWith("/context/course+9");
    assertThat(s.at("/context/language").asText()).isEqualTo("zh-CN");
  }

  @Test
  void leavesOutALocaleThatIsNotALanguageTag() {
    ObjectNode s = recorder().launchStatement(PLATFORM, launch("zh_CN <script>"));
    assertThat(s.at("/context/language").isMissingNode()).isTrue();
    assertThat(new StatementValidator(XapiVersion.V1_0_3).validate(s, "statement")).isEmpty();
  }
}
