package cn.weineng.policy.national;

import static org.assertj.core.api.Assertions.assertThat;

import cn.weineng.policy.api.LearnerRecord;
import cn.weineng.policy.api.LearningActivity;
import cn.weineng.policy.api.LedgerLine;
import cn.weineng.policy.api.PolicyConfig;
import cn.weineng.policy.api.PolicyContext;
import cn.weineng.policy.api.PolicyResult;
import cn.weineng.policy.api.RegionPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases: {@code cases/NAME.input.json} (activities as the host extracts them from
 * statements) is credited and evaluated; the result must equal {@code cases/NAME.expected.json}.
 */
class GoldenCasesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<String> cases() throws IOException, URISyntaxException {
    Path dir = Path.of(GoldenCasesTest.class.getResource("/cases").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".input.json"))
          .map(n -> n.substring(0, n.length() - ".input.json".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesExpected(String name) throws IOException {
    JsonNode input = read(name + ".input.json");
    JsonNode expected = read(name + ".expected.json");
    Map<String, String> config = new LinkedHashMap<>();
    input.path("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
    RegionPolicy policy = new NationalBaselinePolicyFactory().create(new PolicyConfig(config));

    List<LedgerLine> lines = new ArrayList<>();
    for (JsonNode a : input.get("activities")) {
      LearningActivity activity =
          new LearningActivity(
              a.get("statementId").asText(),
              a.get("verbId").asText(),
              a.path("activityId").asText(null),
              a.path("activityType").asText(null),
              Instant.parse(a.get("timestamp").asText()),
              a.hasNonNull("duration") ? Duration.parse(a.get("duration").asText()) : null,
              a.hasNonNull("completion") ? a.get("completion").asBoolean() : null,
              null);
      policy
          .credit(activity)
          .forEach(
              c ->
                  lines.add(
                      new LedgerLine(
                          activity.statementId(),
                          activity.activityId(),
                          c.bucket(),
                          c.seconds(),
                          activity.timestamp(),
                          c.rule())));
    }
    PolicyResult result =
        policy.evaluate(
            new LearnerRecord("learner", lines),
            new PolicyContext(
                Instant.parse(input.get("asOf").asText()),
                Locale.forLanguageTag(input.path("locale").asText("en"))));

    Map<String, Object> actual = new LinkedHashMap<>();
    actual.put("qualified", result.qualified());
    actual.put("secondsByBucket", result.secondsByBucket());
    actual.put("totalSeconds", result.totalSeconds());
    List<Map<String, Object>> reasons = new ArrayList<>();
    result
        .reasons()
        .forEach(
            r -> reasons.add(Map.of("code", r.code(), "met", r.met(), "message", r.message())));
    actual.put("reasons", reasons);
    JsonNode actualJson = JSON.readTree(JSON.writeValueAsString(actual));
    assertThat((Object) actualJson).as(name).isEqualTo(expected);
  }

  private static JsonNode read(String name) throws IOException {
    try (InputStream in = GoldenCasesTest.class.getResourceAsStream("/cases/" + name)) {
      assertThat(in).as(name).isNotNull();
      return JSON.readTree(in);
    }
  }
}
