package cn.weineng.xapi.domain;

import cn.weineng.xapi.application.StoredStatement;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Builds the {@link StoredStatement} view of a validated, prepared statement. */
public final class StatementView {

  private static final String VOIDED = "http://adlnet.gov/expapi/verbs/voided";

  private StatementView() {}

  public static StoredStatement of(JsonNode s, Long seq) {
    JsonNode object = s.path("object");
    boolean activity = "Activity".equals(object.path("objectType").asText("Activity"));
    JsonNode result = s.path("result");
    String verb = s.path("verb").path("id").asText();
    Duration duration =
        result.hasNonNull("duration")
            ? XapiDurations.exact(result.get("duration").asText()).orElse(null)
            : null;
    Map<String, String> ext = new HashMap<>();
    if (activity) {
      collect(object.path("definition").path("extensions"), ext);
    }
    collect(result.path("extensions"), ext);
    collect(s.path("context").path("extensions"), ext);
    return new StoredStatement(
        seq,
        s.get("id").asText().toLowerCase(Locale.ROOT),
        AgentIdentifier.of(s.get("actor")).orElse(null),
        verb,
        activity ? object.path("id").asText() : null,
        activity ? object.path("definition").path("type").asText(null) : null,
        StatementValidator.Timestamps.parse(s.get("timestamp").asText()).toInstant(),
        duration,
        result.has("completion") ? result.get("completion").asBoolean() : null,
        result.has("success") ? result.get("success").asBoolean() : null,
        result.path("score").hasNonNull("scaled")
            ? result.path("score").get("scaled").asDouble()
            : null,
        result.path("score").hasNonNull("raw") ? result.path("score").get("raw").asDouble() : null,
        result.path("score").hasNonNull("max") ? result.path("score").get("max").asDouble() : null,
        VOIDED.equals(verb) ? object.path("id").asText().toLowerCase(Locale.ROOT) : null,
        ext);
  }

  private static void collect(JsonNode extensions, Map<String, String> out) {
    if (extensions != null && extensions.isObject()) {
      extensions
          .properties()
          .forEach(
              e ->
                  out.put(
                      e.getKey(),
                      e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
    }
  }
}
