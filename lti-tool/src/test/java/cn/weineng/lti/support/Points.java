package cn.weineng.lti.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A teacher's 校本应用考核 done through the public REST API: the school circles A1, A3 and A11 (three
 * dimensions), the teacher selects them and uploads every evidence item, and a member of the
 * school's assessment team grades each 合格. For tests whose subject is something else (hours, unit
 * rates) but whose verdict, like the programme's, needs certified points.
 */
public final class Points {

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  public static final byte[] PDF =
      "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
  public static final byte[] PPTX = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0, 1, 2, 3};
  public static final byte[] MP4 = {
    0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm'
  };

  private Points() {}

  /** Circles, selects, submits and grades: the teacher's points are certified afterwards. */
  public static void certify(Weineng api, String schoolId, String teacherId, String assessorId)
      throws IOException {
    ok(
        api.admin(
            "POST",
            "/api/organisations/" + schoolId + "/roles",
            "application/json",
            "{\"learnerId\":\"" + assessorId + "\",\"role\":\"school_assessor\"}"),
        204);
    ok(
        api.admin(
            "PUT",
            "/api/organisations/" + schoolId + "/micro-abilities/range",
            "application/json",
            "{\"codes\":[\"A1\",\"A3\",\"A11\"]}"),
        200);
    ok(
        api.admin(
            "PUT",
            "/api/learners/" + teacherId + "/micro-abilities/selection",
            "application/json",
            "{\"codes\":[\"A1\",\"A3\",\"A11\"]}"),
        200);
    for (String[] item :
        List.of(
            new String[] {"A1", "plan", "application/pdf"},
            new String[] {"A1", "report", "video/mp4"},
            new String[] {
              "A3",
              "deck",
              "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            },
            new String[] {"A3", "note", "application/pdf"},
            new String[] {"A11", "rubric", "application/pdf"},
            new String[] {"A11", "application", "application/pdf"})) {
      byte[] body =
          item[2].equals("video/mp4") ? MP4 : item[2].equals("application/pdf") ? PDF : PPTX;
      String id =
          JSON.readTree(upload(api, teacherId, item[0], item[1], item[2], body)).get("id").asText();
      ok(
          api.admin(
              "POST",
              "/api/evidence/" + id + "/reviews",
              "application/json",
              "{\"reviewerId\":\"" + assessorId + "\",\"level\":\"pass\"}"),
          201);
    }
    JsonNode standing =
        JSON.readTree(
            ok(
                api.admin("GET", "/api/learners/" + teacherId + "/micro-abilities", null, null),
                200));
    assertThat(standing.get("certified").asBoolean()).as(standing.toString()).isTrue();
  }

  static String upload(
      Weineng api, String teacherId, String code, String item, String type, byte[] body) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          api.server.baseUrl
                              + "/api/learners/"
                              + teacherId
                              + "/micro-abilities/points/"
                              + code
                              + "/evidence/"
                              + item
                              + (type.startsWith("video/") ? "?durationSeconds=120" : "")))
                  .header(
                      "Authorization",
                      Weineng.basic(api.server.adminUser, api.server.adminPassword))
                  .header("Content-Type", type)
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return ok(r, 201);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static String ok(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return r.body();
  }
}
