package cn.weineng.xapi.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The canonical string of an agent's or identified group's inverse functional identifier, used to
 * index and match actors: {@code mbox:mailto:a@b}, {@code mbox_sha1sum:<hex>}, {@code openid:<iri>}
 * or {@code account:<homePage>|<name>}.
 */
public final class AgentIdentifier {

  private AgentIdentifier() {}

  /** The identifier of a valid agent or identified group; empty for an anonymous group. */
  public static Optional<String> of(JsonNode actor) {
    if (actor == null || !actor.isObject()) {
      return Optional.empty();
    }
    if (actor.hasNonNull("mbox")) {
      return Optional.of("mbox:" + actor.get("mbox").asText().toLowerCase(java.util.Locale.ROOT));
    }
    if (actor.hasNonNull("mbox_sha1sum")) {
      return Optional.of(
          "mbox_sha1sum:" + actor.get("mbox_sha1sum").asText().toLowerCase(java.util.Locale.ROOT));
    }
    if (actor.hasNonNull("openid")) {
      return Optional.of("openid:" + actor.get("openid").asText());
    }
    JsonNode account = actor.get("account");
    if (account != null && account.isObject()) {
      return Optional.of(account(account.path("homePage").asText(), account.path("name").asText()));
    }
    return Optional.empty();
  }

  /** The identifier of an account agent. */
  public static String account(String homePage, String name) {
    return "account:" + homePage + "|" + name;
  }
}
