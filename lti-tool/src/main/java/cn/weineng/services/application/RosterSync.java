package cn.weineng.services.application;

import cn.weineng.common.domain.Problem;
import cn.weineng.launch.domain.Course;
import cn.weineng.platform.domain.Platform;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names and Role Provisioning Services 2.0: reads a course's membership from its platform, page by
 * page (§2.4: {@code Link: <…>; rel="next"}), and makes every member a learner of the course under
 * the same identifier their launches use ({@code account: <issuer> | <user_id>}), with the roles
 * and status the platform gives; a member the roster no longer lists is marked {@code left}, never
 * deleted. Names are kept as the platform shares them; no email is asked for or kept.
 */
@ApplicationScoped
public class RosterSync {

  static final String SCOPE =
      "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
  static final String MEDIA_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
  static final int MAX_PAGES = 1000;
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;[^,]*rel=\"?next\"?");
  private static final ObjectMapper JSON = new ObjectMapper();

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject ServiceTokens tokens;
  @Inject RosterRecords records;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** What a sync found. */
  public record Result(int members, int added, int left, int pages) {}

  /** One member as the roster gives them. */
  public record Member(String userId, String name, List<String> roles, String status) {}

  public Result sync(String courseId, String rlid) {
    Course course = courseId == null ? null : em.find(Course.class, courseId);
    if (course == null) {
      throw Problem.notFound("course", courseId);
    }
    if (course.membershipsUrl() == null) {
      throw new Problem(
          409,
          "no-roster-service",
          "No roster service",
          "the LMS has not offered its roster for this course: turn on Names and Role Provisioning"
              + " for the tool, and launch once from the course");
    }
    Platform platform = em.find(Platform.class, course.platformId());
    List<Member> members = new ArrayList<>();
    String url = course.membershipsUrl();
    if (rlid != null && !rlid.isBlank()) {
      url +=
          (url.contains("?") ? "&" : "?")
              + "rlid="
              + URLEncoder.encode(rlid, StandardCharsets.UTF_8);
    }
    int pages = 0;
    while (url != null) {
      if (++pages > MAX_PAGES) {
        throw new Problem(
            502,
            "roster-too-long",
            "Roster too long",
            "the roster has more than " + MAX_PAGES + " pages");
      }
      HttpResponse<String> r = get(platform, url);
      JsonNode page;
      try {
        page = JSON.readTree(r.body());
      } catch (IOException e) {
        throw new Problem(
            502, "roster-unreadable", "Roster unreadable", "the LMS's roster is not JSON");
      }
      for (JsonNode m : page.path("members")) {
        String userId = m.path("user_id").asText(null);
        if (userId == null || userId.isBlank()) {
          continue;
        }
        List<String> roles = new ArrayList<>();
        m.path("roles").forEach(x -> roles.add(x.asText()));
        String name = m.path("name").asText(null);
        if (name == null && (m.has("given_name") || m.has("family_name"))) {
          name = (m.path("family_name").asText("") + m.path("given_name").asText("")).strip();
        }
        members.add(new Member(userId, name, roles, m.path("status").asText("Active")));
      }
      url = next(r.headers().allValues("Link"));
    }
    return records.record(course.id(), platform, members, pages);
  }

  private HttpResponse<String> get(Platform p, String url) {
    String token;
    try {
      token = tokens.token(p, List.of(SCOPE));
    } catch (ServiceTokens.ServiceException e) {
      throw new Problem(
          502, "no-service-token", "No service token", "the LMS gave no token: " + e.getMessage());
    }
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(Duration.ofSeconds(20))
                  .header("Authorization", "Bearer " + token)
                  .header("Accept", MEDIA_TYPE)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (r.statusCode() == 401) {
        tokens.forget(p);
      }
      if (r.statusCode() / 100 != 2) {
        throw new Problem(
            502,
            "roster-refused",
            "Roster refused",
            "the LMS answered " + r.statusCode() + " for its roster");
      }
      return r;
    } catch (IOException e) {
      throw new Problem(502, "roster-unreachable", "Roster unreachable", "the LMS did not answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Problem(503, "interrupted", "Interrupted", "interrupted");
    }
  }

  /** The next page's URL from the Link headers, if any. */
  static String next(List<String> links) {
    for (String l : links) {
      Matcher m = NEXT.matcher(l);
      if (m.find()) {
        return m.group(1);
      }
    }
    return null;
  }
}
