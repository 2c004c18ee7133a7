package cn.weineng.launch.application;

import cn.weineng.common.domain.Problem;
import cn.weineng.common.infrastructure.PublicUrl;
import cn.weineng.launch.domain.LtiClaims;
import cn.weineng.platform.application.ToolKeys;
import cn.weineng.platform.domain.Platform;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The LtiDeepLinkingResponse (LTI Deep Linking 2.0 §4.5): a JWT the tool signs with its own key,
 * issued by its client id to the platform, naming the deployment, echoing the request's data, and
 * carrying the chosen items, each an {@code ltiResourceLink} to Weineng's launch URL with custom
 * parameters naming the micro-ability task and a line item so that the gradebook column is created.
 */
@ApplicationScoped
public class DeepLinkResponses {

  @Inject ToolKeys keys;
  @Inject PublicUrl publicUrl;

  /** One micro-ability task a course creator chose. */
  public record Task(
      String frameworkId, String code, String item, String title, String text, double hours) {}

  public String sign(Platform platform, Launch launch, List<Task> tasks) {
    if (!(launch.message() instanceof LtiMessage.DeepLinkingRequest request)) {
      throw new Problem(
          409,
          "not-deep-linking",
          "Not a deep linking request",
          "this page was not opened to choose content");
    }
    Launch.DeepLinking dl = request.settings();
    if (tasks.isEmpty()) {
      throw new Problem(422, "nothing-chosen", "Nothing chosen", "choose at least one task");
    }
    if (tasks.size() > 1 && !dl.acceptMultiple()) {
      throw new Problem(
          422, "one-only", "One item only", "the platform takes one item here; choose one task");
    }
    List<Map<String, Object>> items = new ArrayList<>();
    for (Task t : tasks) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("type", "ltiResourceLink");
      item.put("title", t.title());
      item.put("text", t.text());
      item.put("url", publicUrl.base() + "/lti/launch");
      Map<String, Object> custom = new LinkedHashMap<>();
      custom.put("weineng_framework", t.frameworkId());
      custom.put("weineng_point", t.code());
      custom.put("weineng_task", t.item());
      custom.put("weineng_hours", trim(t.hours()));
      item.put("custom", custom);
      Map<String, Object> lineItem = new LinkedHashMap<>();
      lineItem.put("scoreMaximum", 100);
      lineItem.put("label", t.title());
      lineItem.put("resourceId", t.frameworkId() + "/" + t.code() + "/" + t.item());
      lineItem.put("tag", "weineng-micro-ability");
      item.put("lineItem", lineItem);
      if (dl.documentTargets().contains("iframe")) {
        item.put("iframe", Map.of("height", 720));
      }
      items.add(item);
    }
    Instant now = Instant.now();
    JWTClaimsSet.Builder c =
        new JWTClaimsSet.Builder()
            .issuer(platform.clientId())
            .audience(platform.issuer())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)))
            .jwtID(UUID.randomUUID().toString())
            .claim("nonce", UUID.randomUUID().toString())
            .claim("azp", platform.clientId())
            .claim(LtiClaims.MESSAGE_TYPE, LtiClaims.DEEP_LINKING_RESPONSE)
            .claim(LtiClaims.VERSION, LtiClaims.LTI_VERSION)
            .claim(LtiClaims.DEPLOYMENT_ID, launch.deploymentId())
            .claim("https://purl.imsglobal.org/spec/lti-dl/claim/content_items", items);
    if (dl.data() != null) {
      c.claim("https://purl.imsglobal.org/spec/lti-dl/claim/data", dl.data());
    }
    RSAKey key = keys.signingKey();
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .keyID(key.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              c.build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign the deep linking response", e);
    }
  }

  private static String trim(double hours) {
    return java.math.BigDecimal.valueOf(hours).stripTrailingZeros().toPlainString();
  }
}
