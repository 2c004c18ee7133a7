package cn.weineng.platform.application;

import cn.weineng.common.domain.Problem;
import cn.weineng.common.infrastructure.PublicUrl;
import cn.weineng.ledger.application.PolicyRegistry;
import cn.weineng.platform.domain.Platform;
import cn.weineng.xapi.application.CredentialService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * 1EdTech LTI Dynamic Registration 1.0, tool side: an admin's single-use invitation becomes the
 * registration URL an LMS admin pastes; the LMS opens it with its {@code openid_configuration} and
 * {@code registration_token}; Weineng reads the platform's configuration (§3.4), registers itself
 * (§3.5: the resource link and deep linking messages, the grade and roster scopes, a private-key
 * JWT client), and stores the platform with the client id and deployment id the platform returns
 * (§3.6), in the invitation's store and policy.
 */
@ApplicationScoped
public class DynamicRegistration {

  private static final Logger LOG = Logger.getLogger(DynamicRegistration.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  static final Duration INVITATION_LIFETIME = Duration.ofHours(24);
  static final Duration HTTP_TIMEOUT = Duration.ofSeconds(15);

  /** The most of a platform's answer Weineng reads. */
  static final int MAX_ANSWER = 256 * 1024;

  static final String PLATFORM_CONFIGURATION =
      "https://purl.imsglobal.org/spec/lti-platform-configuration";
  static final String TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";
  static final List<String> SCOPES =
      List.of(
          "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
          "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
          "https://purl.imsglobal.org/spec/lti-ags/scope/score",
          "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly");

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject PlatformService platforms;
  @Inject PublicUrl publicUrl;
  @Inject CredentialService stores;
  @Inject PolicyRegistry policies;

  @Inject
  @ConfigProperty(name = "weineng.policy.default", defaultValue = "cn-national-2019")
  String defaultPolicy;

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(HTTP_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** An invitation: the URL to paste and until when it works. */
  public record Invitation(String url, OffsetDateTime expiresAt, String storeId, String policyId) {}

  @Transactional
  public Invitation invite(String storeId, String policyId, String name) {
    String store = storeId == null || storeId.isBlank() ? "default" : storeId;
    String policy = policyId == null || policyId.isBlank() ? defaultPolicy : policyId;
    List<Problem.FieldError> errors = new java.util.ArrayList<>();
    if (!stores.storeExists(store)) {
      errors.add(new Problem.FieldError("storeId", "no store '" + store + "'"));
    }
    if (policies.find(policy).isEmpty()) {
      errors.add(new Problem.FieldError("policyId", "no installed policy '" + policy + "'"));
    }
    if (!errors.isEmpty()) {
      throw Problem.invalid("the invitation has " + errors.size() + " problem(s)", errors);
    }
    byte[] raw = new byte[24];
    RANDOM.nextBytes(raw);
    String code = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    OffsetDateTime expires = now.plus(INVITATION_LIFETIME);
    em.createNativeQuery(
            "insert into lti_registration_invite (code_sha256, store_id, policy_id, name, created_at,"
                + " expires_at) values (?, ?, ?, ?, ?, ?)")
        .setParameter(1, sha256(code))
        .setParameter(2, store)
        .setParameter(3, policy)
        .setParameter(4, name == null || name.isBlank() ? null : name.strip())
        .setParameter(5, now)
        .setParameter(6, expires)
        .executeUpdate();
    return new Invitation(
        publicUrl.base() + "/lti/register?invite=" + code, expires, store, policy);
  }

  /**
   * Registers with the platform that opened the registration URL, and stores it.
   *
   * @throws RegistrationException with a sentence for the admin when it cannot be done
   */
  @Transactional
  public Platform register(String invite, String openidConfiguration, String registrationToken) {
    Object[] inv = invitation(invite);
    URI configUrl = url(openidConfiguration, "openid_configuration");
    JsonNode config = get(configUrl, registrationToken);
    String issuer = text(config, "issuer");
    URI issuerUrl = url(issuer, "the configuration's issuer");
    // §3.4.1: the issuer and the configuration URL are the same site
    if (!issuerUrl.getScheme().equals(configUrl.getScheme())
        || !issuerUrl.getAuthority().equals(configUrl.getAuthority())) {
      throw new RegistrationException(
          "The platform's issuer (" + issuer + ") is not the site its configuration came from.");
    }
    String registrationEndpoint = text(config, "registration_endpoint");
    String auth = text(config, "authorization_endpoint");
    String jwks = text(config, "jwks_uri");
    String token = config.path("token_endpoint").asText(null);
    JsonNode platformConfig = config.path(PLATFORM_CONFIGURATION);
    boolean deepLinking = false;
    for (JsonNode m : platformConfig.path("messages_supported")) {
      deepLinking |= "LtiDeepLinkingRequest".equals(m.path("type").asText());
    }

    JsonNode answer =
        post(
            url(registrationEndpoint, "registration_endpoint"),
            registrationToken,
            request(deepLinking));
    String clientId = text(answer, "client_id");
    String deploymentId = answer.path(TOOL_CONFIGURATION).path("deployment_id").asText(null);
    if (deploymentId == null || deploymentId.isBlank()) {
      throw new RegistrationException(
          "The platform registered Weineng but gave no deployment id; add one by hand with"
              + " POST /api/platforms.");
    }
    String name =
        inv[2] != null
            ? (String) inv[2]
            : platformConfig.path("product_family_code").asText("LMS") + " " + issuerUrl.getHost();
    Platform p =
        platforms.register(
            new PlatformService.Registration(
                name,
                issuer,
                clientId,
                List.of(deploymentId),
                auth,
                token,
                jwks,
                (String) inv[0],
                (String) inv[1],
                null));
    em.createNativeQuery(
            "update lti_registration_invite set used_at = ?, platform_id = ? where code_sha256 = ?")
        .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC))
        .setParameter(2, p.id())
        .setParameter(3, sha256(invite))
        .executeUpdate();
    LOG.info(() -> "registered platform " + issuer + " (client " + clientId + ") dynamically");
    return p;
  }

  /** The tool's registration request (§3.5.2). */
  ObjectNode request(boolean deepLinking) {
    String base = publicUrl.base();
    ObjectNode r = JSON.createObjectNode();
    r.put("application_type", "web");
    r.putArray("response_types").add("id_token");
    r.putArray("grant_types").add("implicit").add("client_credentials");
    r.put("initiate_login_uri", base + "/lti/login");
    r.putArray("redirect_uris").add(base + "/lti/launch");
    r.put("client_name", "Weineng 微能");
    r.put("jwks_uri", base + "/lti/jwks");
    r.put("token_endpoint_auth_method", "private_key_jwt");
    r.put("scope", String.join(" ", SCOPES));
    ObjectNode tool = r.putObject(TOOL_CONFIGURATION);
    tool.put("domain", URI.create(base).getAuthority());
    tool.put("target_link_uri", base + "/lti/launch");
    tool.put("description", "能力提升工程2.0: hours, micro-abilities and their review / 学时、微能力点与评审");
    // who is launching, and the name to greet them with; no email is asked for
    tool.putArray("claims").add("iss").add("sub").add("name").add("given_name").add("family_name");
    // a course copied in the LMS keeps its learners (Moodle's substitution variable)
    tool.putObject("custom_parameters").put("context_history", "$Context.id.history");
    ArrayNode messages = tool.putArray("messages");
    messages
        .addObject()
        .put("type", "LtiResourceLinkRequest")
        .put("target_link_uri", base + "/lti/launch");
    if (deepLinking) {
      ObjectNode dl = messages.addObject();
      dl.put("type", "LtiDeepLinkingRequest");
      dl.put("target_link_uri", base + "/lti/launch");
      dl.put("label", "Weineng 微能力任务");
      dl.putArray("placements").add("ContentArea");
    }
    return r;
  }

  private Object[] invitation(String code) {
    if (code == null || code.isBlank() || code.length() > 64) {
      throw new RegistrationException(
          "This registration URL has no invitation: ask Weineng's administrator for one"
              + " (POST /api/platforms/registration-invitations).");
    }
    List<?> rows =
        em.createNativeQuery(
                "select store_id, policy_id, name from lti_registration_invite where code_sha256 = ?"
                    + " and used_at is null and expires_at > ?")
            .setParameter(1, sha256(code))
            .setParameter(2, OffsetDateTime.now(ZoneOffset.UTC))
            .getResultList();
    if (rows.isEmpty()) {
      throw new RegistrationException(
          "This registration URL was already used or has expired: ask Weineng's administrator for"
              + " a new one.");
    }
    return (Object[]) rows.get(0);
  }

  private JsonNode get(URI url, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(HTTP_TIMEOUT).GET();
    if (token != null && !token.isBlank()) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(
        b.header("Accept", "application/json").build(), "read the platform's configuration");
  }

  private JsonNode post(URI url, String token, ObjectNode body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url)
            .timeout(HTTP_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    if (token != null && !token.isBlank()) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build(), "register with the platform");
  }

  private JsonNode send(HttpRequest r, String what) {
    HttpResponse<java.io.InputStream> res;
    try {
      res = http.send(r, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new RegistrationException(
          "Weineng could not " + what + ": the platform did not answer.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistrationException("Weineng could not " + what + ": interrupted.");
    }
    byte[] body;
    try (java.io.InputStream in = res.body()) {
      body = in.readNBytes(MAX_ANSWER + 1);
    } catch (IOException e) {
      throw new RegistrationException("Weineng could not " + what + ": the answer broke off.");
    }
    if (res.statusCode() / 100 != 2) {
      throw new RegistrationException(
          "Weineng could not " + what + ": the platform answered " + res.statusCode() + ".");
    }
    if (body.length > MAX_ANSWER) {
      throw new RegistrationException("Weineng could not " + what + ": the answer is too long.");
    }
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || !n.isObject()) {
        throw new IOException("not an object");
      }
      return n;
    } catch (IOException e) {
      throw new RegistrationException("Weineng could not " + what + ": the answer is not JSON.");
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new RegistrationException("The platform's answer lacks " + field + ".");
    }
    return v.asText();
  }

  private static URI url(String s, String what) {
    try {
      URI u = URI.create(s == null ? "" : s);
      if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
        throw new IllegalArgumentException();
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new RegistrationException(what + " is not an http(s) URL.");
    }
  }

  static String sha256(String code) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A registration that could not be done, with a sentence for the LMS admin. */
  public static final class RegistrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RegistrationException(String message) {
      super(message);
    }
  }
}
