package cn.weineng.policy.api.testing;

import cn.weineng.policy.api.CourseChoice;
import cn.weineng.policy.api.EvaluationContext;
import cn.weineng.policy.api.LearnerFacts;
import cn.weineng.policy.api.LearningActivity;
import cn.weineng.policy.api.LedgerLine;
import cn.weineng.policy.api.OrganisationFacts;
import cn.weineng.policy.api.OrganisationStanding;
import cn.weineng.policy.api.PeriodStanding;
import cn.weineng.policy.api.PointFacts;
import cn.weineng.policy.api.PointResult;
import cn.weineng.policy.api.PolicyConfig;
import cn.weineng.policy.api.PromotionStage;
import cn.weineng.policy.api.RegionPolicy;
import cn.weineng.policy.api.RegionPolicyFactory;
import cn.weineng.policy.api.Requirement;
import cn.weineng.policy.api.Score;
import cn.weineng.policy.api.Standing;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs a plugin's golden cases: {@code src/test/resources/cases/NAME.input.json} (the facts: the
 * activities as the host extracts them from statements, the learner's attributes, course choices,
 * scores, an organisation) is credited and evaluated; the result, rendered as JSON, must equal
 * {@code NAME.expected.json}. With {@code -Dgolden.write=true} the actual result is written next to
 * the build's test classes as {@code NAME.actual.json}, for a reviewer to read and compare with the
 * text before it becomes the expected file.
 */
public final class GoldenCases {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private GoldenCases() {}

  /** The case names found under {@code /cases} on the class path of {@code owner}. */
  public static Stream<String> names(Class<?> owner) throws IOException, URISyntaxException {
    Path dir = Path.of(owner.getResource("/cases").toURI());
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

  /** The expected and the actual result of one case, as JSON trees. */
  public record Outcome(JsonNode expected, JsonNode actual) {}

  public static Outcome run(Class<?> owner, RegionPolicyFactory factory, String name)
      throws IOException, URISyntaxException {
    JsonNode input = read(owner, name + ".input.json");
    // as the JSON text reads back, so that a count is a number like any other
    JsonNode actual = JSON.readTree(JSON.writeValueAsString(evaluate(factory, input)));
    if (Boolean.getBoolean("golden.write")) {
      Path out = Path.of(owner.getResource("/cases").toURI()).resolve(name + ".actual.json");
      JSON.writeValue(out.toFile(), actual);
    }
    JsonNode expected =
        owner.getResource("/cases/" + name + ".expected.json") == null
            ? null
            : read(owner, name + ".expected.json");
    return new Outcome(expected, actual);
  }

  /** Credits the input's activities, evaluates the learner and the organisation, renders both. */
  public static JsonNode evaluate(RegionPolicyFactory factory, JsonNode input) {
    Map<String, String> config = new LinkedHashMap<>();
    input.path("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
    RegionPolicy policy = factory.create(new PolicyConfig(config));
    EvaluationContext ctx = EvaluationContext.at(Instant.parse(input.get("asOf").asText()));

    List<LedgerLine> lines = new ArrayList<>();
    int n = 0;
    for (JsonNode a : input.path("activities")) {
      n++;
      LearningActivity activity =
          LearningActivity.builder(
                  a.path("id").asText("s" + n),
                  verb(a.path("verb").asText("completed")),
                  Instant.parse(a.get("timestamp").asText()))
              .activityId(a.path("activity").asText("https://example.cn/activity/" + n))
              .kind(text(a, "kind"))
              .duration(duration(a, "duration"))
              .nominalDuration(duration(a, "nominal"))
              .completion(a.hasNonNull("completion") ? a.get("completion").asBoolean() : null)
              .success(a.hasNonNull("success") ? a.get("success").asBoolean() : null)
              .topics(strings(a.path("topics")))
              .catalogueCourseId(text(a, "course"))
              .build();
      policy.credit(activity).forEach(c -> lines.add(LedgerLine.of(activity, c)));
    }
    JsonNode learner = input.path("learner");
    List<CourseChoice> choices = new ArrayList<>();
    for (JsonNode c : input.path("courseChoices")) {
      choices.add(
          CourseChoice.of(
              c.get("course").asText(),
              Duration.parse(c.get("nominal").asText()),
              text(c, "kind"),
              Instant.parse(c.get("chosenAt").asText())));
    }
    List<Score> scores = new ArrayList<>();
    for (JsonNode s : input.path("scores")) {
      scores.add(
          Score.of(
              s.get("assessment").asText(),
              s.get("source").asText(),
              s.get("value").asDouble(),
              s.path("max").asDouble(100),
              Instant.parse(s.get("recordedAt").asText())));
    }
    // micro-ability points: the school's circled range (absent: none circled) and the selection
    java.util.Set<String> range =
        input.has("pointRange") ? java.util.Set.copyOf(strings(input.get("pointRange"))) : null;
    List<PointFacts> points = new ArrayList<>();
    for (JsonNode p : input.path("points")) {
      points.add(
          PointFacts.of(
              p.get("code").asText(),
              p.get("environment").asText(),
              p.get("dimension").asText(),
              range == null || range.contains(p.get("code").asText()),
              PointResult.of(p.path("result").asText("missing"))));
    }
    LearnerFacts facts =
        LearnerFacts.builder("learner")
            .points(points)
            .pointRange(range)
            .lines(lines)
            .segment(text(learner, "segment"))
            .subject(text(learner, "subject"))
            .birthYear(learner.hasNonNull("birthYear") ? learner.get("birthYear").asInt() : null)
            .courseChoices(choices)
            .scores(scores)
            .build();
    Standing st = policy.evaluate(facts, ctx);
    List<Requirement> selection =
        input.has("points") || input.has("pointRange") ? policy.checkSelection(points) : List.of();

    ObjectNode out = JSON.createObjectNode();
    out.put("qualified", st.qualified());
    out.put("certificateEligible", st.certificateEligible());
    st.cycleStart().ifPresent(d -> out.put("cycleStart", d.toString()));
    st.cycleEnd().ifPresent(d -> out.put("cycleEnd", d.toString()));
    ObjectNode hours = out.putObject("hours");
    st.secondsByBucket().forEach((b, s) -> hours.put(b, plainHours(s)));
    out.put("totalHours", plainHours(st.totalSeconds()));
    if (!st.counters().isEmpty()) {
      ObjectNode counters = out.putObject("counters");
      st.counters().forEach(counters::put);
    }
    st.credits().ifPresent(c -> out.put("credits", plain(c)));
    out.set("requirements", requirements(st.requirements()));
    if (!st.periods().isEmpty()) {
      ArrayNode periods = out.putArray("periods");
      for (PeriodStanding p : st.periods()) {
        ObjectNode pn = periods.addObject();
        pn.put("key", p.key());
        pn.put("kind", p.kind());
        if (p.totalSeconds() > 0 || !p.secondsByBucket().isEmpty()) {
          pn.put("totalHours", plainHours(p.totalSeconds()));
        }
        if (!p.counters().isEmpty()) {
          ObjectNode c = pn.putObject("counters");
          p.counters().forEach(c::put);
        }
        p.credits().ifPresent(c -> pn.put("credits", plain(c)));
        p.met().ifPresent(m -> pn.put("met", m));
      }
    }
    JsonNode org = input.path("organisation");
    if (!org.isMissingNode()) {
      List<OrganisationFacts.School> schools = new ArrayList<>();
      for (JsonNode s : org.path("schools")) {
        List<OrganisationFacts.Group> groups = new ArrayList<>();
        for (JsonNode g : s.path("groups")) {
          groups.add(
              OrganisationFacts.Group.of(
                  g.get("id").asText(),
                  g.get("kind").asText(),
                  g.path("name").asText(null),
                  g.path("teachers").asInt(g.path("subjects").size()),
                  List.copyOf(strings(g.path("subjects"))),
                  g.path("schools").asInt(1)));
        }
        schools.add(
            OrganisationFacts.School.of(s.get("id").asText(), s.path("name").asText(null), groups));
      }
      OrganisationStanding os =
          policy.evaluateOrganisation(
              OrganisationFacts.of(
                  org.path("unit").asText("unit"), org.path("level").asText("school"), schools),
              ctx);
      ObjectNode on = out.putObject("organisation");
      on.put("met", os.met());
      on.set("requirements", requirements(os.requirements()));
    }
    if (input.has("points") || input.has("pointRange")) {
      ObjectNode sn = out.putObject("selection");
      sn.put("valid", selection.stream().allMatch(Requirement::met));
      sn.set("requirements", requirements(selection));
      ArrayNode roles = sn.putArray("reviewerRoles");
      policy.reviewerRoles().stream().sorted().forEach(roles::add);
      ArrayNode modes = sn.putArray("evidenceModes");
      policy.evidenceModes().stream().sorted().forEach(modes::add);
    }
    if (selection.size() + points.size() > 0 && !policy.promotionStages().isEmpty()) {
      ArrayNode stages = out.putArray("promotionStages");
      for (PromotionStage ps : policy.promotionStages()) {
        ObjectNode sn = stages.addObject();
        sn.put("key", ps.key());
        ArrayNode r = sn.putArray("roles");
        ps.roles().stream().sorted().forEach(r::add);
        ps.name().byLanguage().forEach(sn::put);
      }
    }
    return out;
  }

  private static ArrayNode requirements(List<Requirement> reqs) {
    ArrayNode arr = JSON.createArrayNode();
    for (Requirement r : reqs) {
      ObjectNode rn = arr.addObject();
      rn.put("key", r.key());
      r.scope().ifPresent(s -> rn.put("scope", s));
      rn.put("met", r.met());
      ObjectNode f = rn.putObject("figures");
      r.figures()
          .forEach(
              (k, v) -> {
                if (v instanceof BigDecimal bd) {
                  f.put(k, plain(bd));
                } else if (v instanceof Boolean b) {
                  f.put(k, b);
                } else if (v instanceof List<?> l) {
                  ArrayNode la = f.putArray(k);
                  l.forEach(x -> la.add(String.valueOf(x)));
                } else {
                  f.put(k, String.valueOf(v));
                }
              });
      r.reason().byLanguage().forEach(rn::put);
    }
    return arr;
  }

  private static String verb(String v) {
    return v.contains(":") ? v : "http://adlnet.gov/expapi/verbs/" + v;
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  private static Duration duration(JsonNode n, String field) {
    return n.hasNonNull(field) ? Duration.parse(n.get(field).asText()) : null;
  }

  private static Set<String> strings(JsonNode arr) {
    Set<String> out = new LinkedHashSet<>();
    arr.forEach(x -> out.add(x.asText()));
    return out;
  }

  private static String plainHours(long seconds) {
    return plain(
        BigDecimal.valueOf(seconds)
            .divide(BigDecimal.valueOf(3600), 2, java.math.RoundingMode.DOWN));
  }

  private static String plain(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }

  private static JsonNode read(Class<?> owner, String name) throws IOException {
    try (InputStream in = owner.getResourceAsStream("/cases/" + name)) {
      if (in == null) {
        throw new IllegalStateException("golden case file /cases/" + name + " is missing");
      }
      return JSON.readTree(in);
    }
  }
}
