package cn.weineng.lti.support;

import cn.weineng.api.client.LrsApi;
import cn.weineng.api.client.PlatformsApi;
import cn.weineng.api.client.invoker.ApiClient;
import cn.weineng.api.client.model.IssuedLrsCredential;
import cn.weineng.api.client.model.LrsCredentialRequest;
import cn.weineng.api.client.model.PlatformRegistration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * For looking at the launch page in a real browser: registers a test platform with a running
 * Weineng, posts some hours for a teacher, and serves a course page with Weineng in its iframe.
 * Used by {@code scripts/screenshot.sh}.
 *
 * <p>Arguments: Weineng base URL, admin password, locale (zh-CN or en).
 */
public final class DemoPlatform {

  public static void main(String[] args) throws Exception {
    String base = args[0];
    TestPlatform lms = new TestPlatform();
    ApiClient client = new ApiClient();
    client.updateBaseUri(base);
    String basic = Weineng.basic("admin", args[1]);
    client.setRequestInterceptor(b -> b.header("Authorization", basic));
    new PlatformsApi(client)
        .createPlatform(
            new PlatformRegistration()
                .name("Demo LMS")
                .issuer(lms.issuer)
                .clientId(lms.clientId)
                .deploymentIds(List.of(lms.deploymentId))
                .authUrl(lms.authUrl())
                .jwksUrl(lms.jwksUrl()));
    IssuedLrsCredential cred =
        new LrsApi(client).createLrsCredential(new LrsCredentialRequest().label("demo vendor"));

    TestPlatform.LaunchSpec spec = new TestPlatform.LaunchSpec(base + "/lti/launch");
    spec.subject = "demo-teacher-1";
    spec.name = args.length > 2 && args[2].startsWith("en") ? "Zhang Xiaomei" : "张晓梅";
    spec.locale = args.length > 2 ? args[2] : "zh-CN";
    // a fourth argument "storage": the course page offers LTI platform storage
    spec.storageTarget = args.length > 3 && args[3].equals("storage") ? "_parent" : null;
    lms.prepare(spec);
    lms.courseLaunchesInto(base);

    String actor =
        "{\"account\":{\"homePage\":\"" + lms.issuer + "\",\"name\":\"" + spec.subject + "\"}}";
    String batch =
        "["
            + completed(
                actor,
                "https://courses.example.cn/c/101",
                "http://adlnet.gov/expapi/activities/course",
                "PT32H")
            + ","
            + completed(
                actor,
                "https://school.example.cn/practice/A1",
                "https://w3id.org/weineng/xapi/activity-types/practice",
                "PT12H30M")
            + "]";
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/xapi/statements"))
                    .header("Authorization", Weineng.basic(cred.getKey(), cred.getSecret()))
                    .header("X-Experience-API-Version", "1.0.3")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(batch))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    System.out.println("statements: " + r.statusCode());
    System.out.println("COURSE " + lms.issuer + "/course");
    Thread.sleep(Long.MAX_VALUE);
  }

  private static String completed(String actor, String id, String type, String duration) {
    return "{\"actor\":"
        + actor
        + ",\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},\"object\":{\"id\":\""
        + id
        + "\",\"definition\":{\"type\":\""
        + type
        + "\"}},\"result\":{\"completion\":true,\"duration\":\""
        + duration
        + "\"}}";
  }
}
