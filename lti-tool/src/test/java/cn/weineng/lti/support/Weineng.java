package cn.weineng.lti.support;

import cn.weineng.api.client.LearnersApi;
import cn.weineng.api.client.LedgerApi;
import cn.weineng.api.client.LrsApi;
import cn.weineng.api.client.OrganisationApi;
import cn.weineng.api.client.PlatformsApi;
import cn.weineng.api.client.PoliciesApi;
import cn.weineng.api.client.ProgressApi;
import cn.weineng.api.client.invoker.ApiClient;
import cn.weineng.api.client.invoker.ApiException;
import cn.weineng.api.client.model.IssuedLrsCredential;
import cn.weineng.api.client.model.LrsCredentialRequest;
import cn.weineng.api.client.model.Platform;
import cn.weineng.api.client.model.PlatformRegistration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Clients of a running Weineng: the generated SDK for the REST API, and raw HTTP for the LRS. */
public final class Weineng {

  public final WeinengServer server;
  public final PlatformsApi platforms;
  public final LrsApi lrs;
  public final ProgressApi progress;
  public final PoliciesApi policies;
  public final LedgerApi ledger;
  public final LearnersApi learners;
  public final OrganisationApi organisations;
  private final HttpClient http = HttpClient.newHttpClient();

  public Weineng(WeinengServer server) {
    this.server = server;
    ApiClient client = new ApiClient();
    client.updateBaseUri(server.baseUrl);
    String basic = basic(server.adminUser, server.adminPassword);
    client.setRequestInterceptor(b -> b.header("Authorization", basic));
    platforms = new PlatformsApi(client);
    lrs = new LrsApi(client);
    progress = new ProgressApi(client);
    policies = new PoliciesApi(client);
    ledger = new LedgerApi(client);
    learners = new LearnersApi(client);
    organisations = new OrganisationApi(client);
  }

  /** Registers the test platform through the REST API. */
  public Platform register(TestPlatform p, String storeId) throws ApiException {
    return platforms.createPlatform(
        new PlatformRegistration()
            .name("Test platform " + p.issuer)
            .issuer(p.issuer)
            .clientId(p.clientId)
            .deploymentIds(List.of(p.deploymentId))
            .authUrl(p.authUrl())
            .tokenUrl(p.tokenUrl())
            .jwksUrl(p.jwksUrl())
            .storeId(storeId));
  }

  /** Every LRS secret the tests were given, so that the log test can look for them. */
  public static final java.util.Set<String> SECRETS_GIVEN =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  public IssuedLrsCredential credential(String storeId, String label) throws ApiException {
    IssuedLrsCredential c =
        lrs.createLrsCredential(new LrsCredentialRequest().label(label).storeId(storeId));
    SECRETS_GIVEN.add(c.getSecret());
    return c;
  }

  /** A raw xAPI request, for the cases an xAPI client library would not let us send. */
  public HttpResponse<String> xapi(
      String method, String pathAndQuery, IssuedLrsCredential cred, String version, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.baseUrl + "/xapi/" + pathAndQuery));
    if (cred != null) {
      b.header("Authorization", basic(cred.getKey(), cred.getSecret()));
    }
    if (version != null) {
      b.header("X-Experience-API-Version", version);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A request with the admin's credentials, for bodies the SDK would not send (CSV). */
  public HttpResponse<String> admin(String method, String path, String contentType, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.baseUrl + path))
            .header("Authorization", basic(server.adminUser, server.adminPassword));
    if (body != null) {
      b.header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(server.baseUrl + path)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
