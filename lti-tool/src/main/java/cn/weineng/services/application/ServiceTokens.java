package cn.weineng.services.application;

import cn.weineng.platform.application.ToolKeys;
import cn.weineng.platform.domain.Platform;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens for a platform's services (LTI Security Framework 1.0 §4.1): the OAuth 2.0 client
 * credentials grant with a JWT client assertion (RFC 7523) that the tool signs with its own key —
 * issuer and subject its client id, audience the platform's token endpoint — cached per platform
 * and scope set until shortly before they expire.
 */
@ApplicationScoped
public class ServiceTokens {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject ToolKeys keys;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private record Cached(String token, Instant until) {}

  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  /** A token for the scopes, from the cache or the platform's token endpoint. */
  public String token(Platform p, List<String> scopes) throws ServiceException {
    if (p.tokenUrl() == null) {
      throw new ServiceException("the platform's registration has no token URL");
    }
    String key = p.id() + " " + String.join(" ", scopes.stream().sorted().toList());
    Cached c = cache.get(key);
    if (c != null && c.until().isAfter(Instant.now())) {
      return c.token();
    }
    String form =
        "grant_type=client_credentials"
            + "&client_assertion_type="
            + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
            + "&client_assertion="
            + enc(assertion(p))
            + "&scope="
            + enc(String.join(" ", scopes));
    HttpResponse<String> r;
    try {
      r =
          http.send(
              HttpRequest.newBuilder(URI.create(p.tokenUrl()))
                  .timeout(Duration.ofSeconds(15))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Accept", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ServiceException("the token endpoint did not answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceException("interrupted");
    }
    if (r.statusCode() / 100 != 2) {
      throw new ServiceException("the token endpoint answered " + r.statusCode());
    }
    try {
      JsonNode n = JSON.readTree(r.body());
      String token = n.path("access_token").asText(null);
      if (token == null || token.isBlank()) {
        throw new ServiceException("the token endpoint gave no access_token");
      }
      long life = n.path("expires_in").asLong(3600);
      cache.put(key, new Cached(token, Instant.now().plusSeconds(Math.max(0, life - 30))));
      return token;
    } catch (IOException e) {
      throw new ServiceException("the token endpoint's answer is not JSON");
    }
  }

  /** Forgets a token the platform refused. */
  public void forget(Platform p) {
    cache.keySet().removeIf(k -> k.startsWith(p.id() + " "));
  }

  /** RFC 7523 client assertion. */
  String assertion(Platform p) {
    Instant now = Instant.now();
    RSAKey key = keys.signingKey();
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .keyID(key.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              new JWTClaimsSet.Builder()
                  .issuer(p.clientId())
                  .subject(p.clientId())
                  .audience(p.tokenUrl())
                  .issueTime(Date.from(now))
                  .expirationTime(Date.from(now.plusSeconds(300)))
                  .jwtID(UUID.randomUUID().toString())
                  .build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign a client assertion", e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A service call that did not work, with a short reason (no token, no secret). */
  public static final class ServiceException extends Exception {
    private static final long serialVersionUID = 1L;

    public ServiceException(String message) {
      super(message);
    }
  }
}
