package cn.weineng.services.application;

import cn.weineng.common.domain.Problem;
import cn.weineng.launch.domain.LtiClaims;
import cn.weineng.platform.domain.Platform;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Assignment and Grade Services 2.0, line items and results (§3.2, §3.3): list a context's line
 * items page by page ({@code Link: rel="next"}), create, update and delete one, and read its
 * results. A line item URL may carry a query string; a sub-resource ({@code /results}, {@code
 * /scores}) goes on its path.
 */
@ApplicationScoped
public class AgsClient {

  static final String ITEM = "application/vnd.ims.lis.v2.lineitem+json";
  static final String CONTAINER = "application/vnd.ims.lis.v2.lineitemcontainer+json";
  static final String RESULTS = "application/vnd.ims.lis.v2.resultcontainer+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject ServiceTokens tokens;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** Every line item of the container, following the pages; {@code resourceId} filters. */
  public List<JsonNode> lineItems(Platform p, String container, String resourceId) {
    List<JsonNode> out = new ArrayList<>();
    String url =
        resourceId == null
            ? container
            : withQuery(
                container,
                "resource_id=" + java.net.URLEncoder.encode(resourceId, StandardCharsets.UTF_8));
    for (int page = 0; url != null && page < 100; page++) {
      HttpResponse<String> r =
          send(
              p,
              LtiClaims.AGS_LINEITEM_SCOPE,
              HttpRequest.newBuilder(URI.create(url)).header("Accept", CONTAINER).GET());
      read(r).forEach(out::add);
      url = RosterSync.next(r.headers().allValues("Link"));
    }
    return out;
  }

  public JsonNode create(Platform p, String container, ObjectNode item) {
    return read(
        send(
            p,
            LtiClaims.AGS_LINEITEM_SCOPE,
            HttpRequest.newBuilder(URI.create(container))
                .header("Content-Type", ITEM)
                .header("Accept", ITEM)
                .POST(HttpRequest.BodyPublishers.ofString(item.toString()))));
  }

  public JsonNode update(Platform p, String itemUrl, ObjectNode item) {
    return read(
        send(
            p,
            LtiClaims.AGS_LINEITEM_SCOPE,
            HttpRequest.newBuilder(URI.create(itemUrl))
                .header("Content-Type", ITEM)
                .header("Accept", ITEM)
                .PUT(HttpRequest.BodyPublishers.ofString(item.toString()))));
  }

  public void delete(Platform p, String itemUrl) {
    send(p, LtiClaims.AGS_LINEITEM_SCOPE, HttpRequest.newBuilder(URI.create(itemUrl)).DELETE());
  }

  /** The line item's results (every page). */
  public List<JsonNode> results(Platform p, String itemUrl) {
    List<JsonNode> out = new ArrayList<>();
    String url = GradeDelivery.subResource(itemUrl, "results").toString();
    for (int page = 0; url != null && page < 100; page++) {
      HttpResponse<String> r =
          send(
              p,
              LtiClaims.AGS_RESULT_SCOPE,
              HttpRequest.newBuilder(URI.create(url)).header("Accept", RESULTS).GET());
      read(r).forEach(out::add);
      url = RosterSync.next(r.headers().allValues("Link"));
    }
    return out;
  }

  private HttpResponse<String> send(Platform p, String scope, HttpRequest.Builder b) {
    String token;
    try {
      token = tokens.token(p, List.of(scope));
    } catch (ServiceTokens.ServiceException e) {
      throw new Problem(
          502, "no-service-token", "No service token", "the LMS gave no token: " + e.getMessage());
    }
    try {
      HttpResponse<String> r =
          http.send(
              b.timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (r.statusCode() == 401) {
        tokens.forget(p);
      }
      if (r.statusCode() / 100 != 2) {
        throw new Problem(
            502, "gradebook-refused", "Gradebook refused", "the LMS answered " + r.statusCode());
      }
      return r;
    } catch (IOException e) {
      throw new Problem(
          502, "gradebook-unreachable", "Gradebook unreachable", "the LMS did not answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Problem(503, "interrupted", "Interrupted", "interrupted");
    }
  }

  private static JsonNode read(HttpResponse<String> r) {
    if (r.body() == null || r.body().isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new Problem(
          502, "gradebook-unreadable", "Gradebook unreadable", "the LMS's answer is not JSON");
    }
  }

  static String withQuery(String url, String param) {
    return url + (url.contains("?") ? "&" : "?") + param;
  }
}
