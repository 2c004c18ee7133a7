package cn.weineng.xapi.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A signed statement (xAPI Data 2.6 / 2.0 §2.4.8): its signature attachment holds a JWS whose
 * payload is the statement as it was before the signature was added. The JWS must be well formed,
 * signed with RS256, RS384 or RS512, carry that statement (compared without what the LRS adds and
 * without the attachments, durations to the hundredth of a second), and, when its header names a
 * certificate ({@code x5c}), verify with that certificate's key.
 */
public final class StatementSignature {

  public static final String USAGE_TYPE = "http://adlnet.gov/expapi/attachments/signature";
  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatementSignature() {}

  /** What is wrong with the signature of a statement, at {@code path}; empty when it holds. */
  public static List<Violation> check(JsonNode statement, byte[] jws, String path) {
    List<Violation> out = new ArrayList<>();
    JWSObject signed;
    try {
      signed = JWSObject.parse(new String(jws, StandardCharsets.US_ASCII).trim());
    } catch (ParseException e) {
      out.add(new Violation(path, "the signature is not a JWS in compact serialization"));
      return out;
    }
    if (!ALGORITHMS.contains(signed.getHeader().getAlgorithm())) {
      out.add(
          new Violation(
              path,
              "the signature uses "
                  + signed.getHeader().getAlgorithm()
                  + "; xAPI takes RS256, RS384 or RS512"));
      return out;
    }
    JsonNode payload;
    try {
      payload = JSON.readTree(signed.getPayload().toString());
    } catch (java.io.IOException | RuntimeException e) {
      out.add(new Violation(path, "the signature's payload is not a JSON statement"));
      return out;
    }
    boolean dropId = payload == null || !payload.has("id");
    if (payload == null
        || !payload.isObject()
        || !comparable(payload, dropId).equals(comparable(statement, dropId))) {
      out.add(new Violation(path, "the signature's payload is not this statement"));
      return out;
    }
    List<Base64> chain = signed.getHeader().getX509CertChain();
    if (chain != null && !chain.isEmpty()) {
      try {
        X509Certificate cert =
            (X509Certificate)
                CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(chain.get(0).decode()));
        if (!(cert.getPublicKey() instanceof RSAPublicKey key)
            || !signed.verify(new RSASSAVerifier(key))) {
          out.add(new Violation(path, "the signature does not verify with its x5c certificate"));
        }
      } catch (CertificateException | JOSEException | RuntimeException e) {
        out.add(new Violation(path, "the signature's x5c certificate cannot be read"));
      }
    }
    return out;
  }

  /**
   * The statement as a signer saw it: without what the LRS adds (authority, stored, version, an id
   * the signer did not give) and without the attachments; durations to the hundredth of a second.
   */
  private static JsonNode comparable(JsonNode s, boolean dropId) {
    ObjectNode c = ((ObjectNode) s).deepCopy();
    c.remove(List.of("authority", "stored", "version", "attachments"));
    if (dropId) {
      c.remove("id");
    }
    JsonNode duration = c.path("result").path("duration");
    if (duration.isTextual()) {
      ((ObjectNode) c.get("result")).put("duration", hundredths(duration.asText()));
    }
    return c;
  }

  private static String hundredths(String duration) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)S").matcher(duration);
    if (!m.find()) {
      return duration;
    }
    String fraction = (m.group(2) + "00").substring(0, 2);
    return duration.substring(0, m.start()) + m.group(1) + "." + fraction + "S";
  }
}
