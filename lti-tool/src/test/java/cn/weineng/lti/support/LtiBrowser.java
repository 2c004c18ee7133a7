package cn.weineng.lti.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the browser's part of an LTI 1.3 launch: posts the login initiation to the tool, follows
 * the redirect to the platform, and posts the platform's form to the tool. It keeps no cookies, as
 * a browser with third-party cookies blocked would not.
 */
public final class LtiBrowser {

  private static final Pattern INPUT =
      Pattern.compile("name=\"(id_token|state)\" value=\"([^\"]*)\"");

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final String tool;
  private final TestPlatform platform;
  private final String launchTool;

  /** A browser between the tool at {@code toolBaseUrl} and the platform. */
  public LtiBrowser(String toolBaseUrl, TestPlatform platform) {
    this(toolBaseUrl, toolBaseUrl, platform);
  }

  /**
   * A browser whose login initiation reaches the tool at {@code loginBaseUrl} and whose launch
   * reaches it at {@code launchBaseUrl}: two nodes behind one address.
   */
  public LtiBrowser(String loginBaseUrl, String launchBaseUrl, TestPlatform platform) {
    this.tool = loginBaseUrl;
    this.launchTool = launchBaseUrl;
    this.platform = platform;
  }

  /** What the platform posted back and what the tool answered. */
  public record Result(
      int status,
      String body,
      java.net.http.HttpHeaders headers,
      String idToken,
      String state,
      long toolNanos) {}

  /** A whole launch: login initiation (POST, as Moodle does), authorisation, launch. */
  public Result launch(TestPlatform.LaunchSpec spec) {
    platform.prepare(spec);
    Map<String, String> login = new LinkedHashMap<>();
    login.put("iss", platform.issuer);
    login.put("login_hint", spec.subject);
    login.put("target_link_uri", spec.targetLinkUri);
    login.put("lti_message_hint", "hint-" + spec.resourceLinkId);
    login.put("client_id", platform.clientId);
    login.put("lti_deployment_id", platform.deploymentId);
    long t0 = System.nanoTime();
    HttpResponse<String> redirect = post(tool + "/lti/login", login);
    long toolNanos = System.nanoTime() - t0;
    assertThat(redirect.statusCode())
        .as("login initiation answer: %s", redirect.body())
        .isEqualTo(302);
    String location = redirect.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(platform.authUrl());

    HttpResponse<String> form = get(location);
    assertThat(form.statusCode()).as("platform authorisation: %s", form.body()).isEqualTo(200);
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher m = INPUT.matcher(form.body());
    while (m.find()) {
      fields.put(m.group(1), m.group(2));
    }
    if (spec.alterState != null) {
      fields.put("state", spec.alterState.apply(fields.get("state")));
    }
    long t1 = System.nanoTime();
    HttpResponse<String> page = postLaunch(fields.get("id_token"), fields.get("state"));
    toolNanos += System.nanoTime() - t1;
    return new Result(
        page.statusCode(),
        page.body(),
        page.headers(),
        fields.get("id_token"),
        fields.get("state"),
        toolNanos);
  }

  /** Posts an id_token and state to the tool's launch endpoint. */
  public HttpResponse<String> postLaunch(String idToken, String state) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("id_token", idToken);
    f.put("state", state);
    return post(launchTool + "/lti/launch", f);
  }

  public HttpResponse<String> post(String url, Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build());
  }

  public HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  private HttpResponse<String> send(HttpRequest r) {
    try {
      return http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }
}
