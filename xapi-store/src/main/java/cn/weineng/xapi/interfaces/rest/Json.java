package cn.weineng.xapi.interfaces.rest;

import cn.weineng.xapi.application.StrictJson;
import cn.weineng.xapi.domain.XapiException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The resources write their JSON themselves, so the container's JSON provider never decides the
 * shape; and they read it strictly: exactly one JSON document per body, no duplicate keys, valid
 * UTF-8 only (no overlong forms, no surrogates), numbers that fit a double, no NUL character (the
 * PostgreSQL store could not keep it), within {@link StrictJson}'s limits. A body that breaks any
 * of these is refused with 400 (413 for a limit of size) and where, before anything is stored.
 */
final class Json {

  static final ObjectMapper MAPPER = StrictJson.mapper(StrictJson.MAX_TOKENS_LRS).build();

  private Json() {}

  static String write(Object o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The bytes of a request body, at most {@link StatementsResource#MAX_BODY_BYTES}: a larger one is
   * drained (so that a client still sending gets the answer) and refused with 413, naming it as
   * {@code what} ("the request body").
   */
  static byte[] readBody(java.io.InputStream in, String what) {
    byte[] bytes;
    try {
      bytes = in.readNBytes(StatementsResource.MAX_BODY_BYTES + 1);
    } catch (IOException e) {
      throw XapiException.badRequest("the request body could not be read");
    }
    if (bytes.length > StatementsResource.MAX_BODY_BYTES) {
      StrictJson.drain(in);
      throw new XapiException(
          413, what + " is larger than " + StatementsResource.MAX_BODY_BYTES + " bytes");
    }
    return bytes;
  }

  /** Reads one strict JSON document; {@code what} names it in the refusal ("the request body"). */
  static JsonNode readStrict(byte[] bytes, String what) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw XapiException.badRequest(what + " is not valid UTF-8");
    }
    return readStrict(text, what);
  }

  static JsonNode readStrict(String text, String what) {
    JsonNode json;
    try {
      json = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      StrictJson.Excess excess = StrictJson.excess(e, StrictJson.MAX_TOKENS_LRS).orElse(null);
      if (excess != null) {
        throw new XapiException(excess.status(), what + ": " + excess.reason());
      }
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      String why =
          e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
              ? " (a key appears twice in one object)"
              : e.getOriginalMessage() != null && e.getOriginalMessage().contains("Trailing token")
                  ? " (there is content after the JSON document)"
                  : "";
      throw XapiException.badRequest(what + " is not valid JSON" + where + why);
    } catch (IOException e) {
      throw XapiException.badRequest(what + " could not be read");
    }
    if (json == null || json.isMissingNode()) {
      throw XapiException.badRequest(what + " is empty");
    }
    check(json, "$", what);
    return json;
  }

  /** Numbers that fit, and no NUL in any string or key. */
  private static void check(JsonNode node, String path, String what) {
    if (node.isNumber() && !Double.isFinite(node.asDouble())) {
      throw XapiException.badRequest(what + ": the number at " + path + " is out of range");
    }
    if (node.isTextual() && node.textValue().indexOf('\0') >= 0) {
      throw XapiException.badRequest(what + ": the string at " + path + " holds a NUL character");
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().indexOf('\0') >= 0) {
          throw XapiException.badRequest(what + ": a key in " + path + " holds a NUL character");
        }
        check(e.getValue(), path + "." + e.getKey(), what);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), path + "[" + i + "]", what);
      }
    }
  }
}
