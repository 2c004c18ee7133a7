package cn.weineng.launch.application;

import cn.weineng.platform.application.ToolSecrets;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The in-frame session: a launch opens one, and the page's forms carry its token (a hidden field,
 * never a URL or a cookie, so another site cannot make the browser send it) to act as the launched
 * person for {@link #LIFETIME}. The token is signed, not stored: it carries who, in which store,
 * until when, and the launch as the page shows it, authenticated with HMAC-SHA256 under a key every
 * node derives from the tool's signing keys (ADR 0008). Any node serves the next form without a
 * database read, and nothing is written when a launch opens a session.
 */
@ApplicationScoped
public class FrameSessions {

  /** How long the page's forms work after the launch: a working session in a course. */
  public static final Duration LIFETIME = Duration.ofHours(2);

  /** A token longer than this is not one of ours; it is not decoded. */
  static final int MAX_TOKEN_LENGTH = 16_384;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject ToolSecrets secrets;

  /** A session: who, in which store, and the launch as the page shows it. */
  public record Opened(String personId, String storeId, Launch launch) {}

  /** Opens a session for a launch and returns its token. */
  public String open(Launch launch, String personId, String storeId) {
    // what the page shows; of the custom parameters only Weineng's own task (weineng_*) is kept,
    // and the sourced id stays out
    java.util.Map<String, String> task = new java.util.TreeMap<>();
    launch
        .custom()
        .forEach(
            (k, v) -> {
              if (k.startsWith("weineng_") && v != null && v.length() <= 100) {
                task.put(k, v);
              }
            });
    Launch shown =
        new Launch(
            launch.platformId(),
            launch.issuer(),
            launch.deploymentId(),
            launch.subject(),
            launch.name(),
            launch.roles(),
            launch.resourceLinkId(),
            launch.resourceLinkTitle(),
            launch.contextId(),
            launch.contextTitle(),
            launch.contextLabel(),
            launch.locale(),
            launch.targetLinkUri(),
            launch.productFamily(),
            task,
            null,
            launch.deepLinking(),
            null,
            null);
    ObjectNode payload = JSON.createObjectNode();
    payload.put("p", personId);
    payload.put("s", storeId);
    payload.put("e", Instant.now().plus(LIFETIME).getEpochSecond());
    payload.set("l", JSON.valueToTree(shown));
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return encode(body) + "." + encode(secrets.sign(ToolSecrets.Purpose.FRAME_SESSION, body));
  }

  /** The live session a token names, if it is one this tool signed and has not expired. */
  public Optional<Opened> find(String token) {
    if (token == null || token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return Optional.empty();
    }
    byte[] body;
    byte[] tag;
    try {
      body = Base64.getUrlDecoder().decode(token.substring(0, dot));
      tag = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!secrets.verifies(ToolSecrets.Purpose.FRAME_SESSION, body, tag)) {
      return Optional.empty();
    }
    try {
      ObjectNode payload = (ObjectNode) JSON.readTree(body);
      if (Instant.now().getEpochSecond() >= payload.path("e").asLong(0)) {
        return Optional.empty();
      }
      return Optional.of(
          new Opened(
              payload.path("p").asText(),
              payload.path("s").asText(),
              JSON.treeToValue(payload.get("l"), Launch.class)));
    } catch (IOException | ClassCastException e) {
      return Optional.empty();
    }
  }

  private static String encode(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
