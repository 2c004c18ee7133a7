package cn.weineng.xapi.application;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Optional;

/**
 * The one way Weineng reads JSON from outside, for the LRS and the REST API alike: one document per
 * body (content after it refused), no duplicate keys, and limits that stop an oversized document
 * while it is being read, before any work is done on it. The limits are documented in the README
 * ("Limits on what a request may hold"); each body reader adds its own size limit in bytes.
 */
public final class StrictJson {

  /** Objects and arrays nested deeper than this are refused (400). */
  public static final int MAX_DEPTH = 64;

  /** A string value longer than this many characters is refused (413). */
  public static final int MAX_STRING_CHARS = 1_000_000;

  /** A key longer than this many characters is refused (413). */
  public static final int MAX_KEY_CHARS = 2_048;

  /** A number written with more characters than this is refused (400). */
  public static final int MAX_NUMBER_CHARS = 100;

  /**
   * Tokens (every value, key, and start and end of an object or array) in one LRS body: a batch of
   * a thousand rich statements fits; 200,000 extension keys do not, nor a body of tens of thousands
   * of statements (413).
   */
  public static final long MAX_TOKENS_LRS = 300_000;

  /** Tokens in one REST API body (413). */
  public static final long MAX_TOKENS_REST = 50_000;

  private StrictJson() {}

  /** A mapper builder reading strictly within the limits, with {@code maxTokens} per document. */
  public static JsonMapper.Builder mapper(long maxTokens) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNameLength(MAX_KEY_CHARS)
                    .maxNumberLength(MAX_NUMBER_CHARS)
                    .maxTokenCount(maxTokens)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    return JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * Whether a JSON text escapes a NUL character ({@code \u0000}, not preceded by an escaping
   * backslash) anywhere: no value Weineng keeps may hold one.
   */
  public static boolean escapesNul(byte[] json) {
    for (int i = 0; i + 5 < json.length; i++) {
      if (json[i] == '\\'
          && json[i + 1] == 'u'
          && json[i + 2] == '0'
          && json[i + 3] == '0'
          && json[i + 4] == '0'
          && json[i + 5] == '0') {
        int backslashes = 0;
        for (int j = i; j >= 0 && json[j] == '\\'; j--) {
          backslashes++;
        }
        if (backslashes % 2 == 1) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Reads and drops what is left of a body refused for its size (up to 64 MiB more), so that the
   * refusal reaches a client still sending instead of a connection reset.
   */
  public static void drain(java.io.InputStream in) {
    try {
      long left = 64L * 1024 * 1024;
      byte[] buffer = new byte[64 * 1024];
      for (int n;
          left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0; ) {
        left -= n;
      }
    } catch (java.io.IOException e) {
      // the client stopped sending: nothing left to drain
    }
  }

  /** Why a body broke a limit, told plainly, with the status to answer. */
  public record Excess(int status, String reason) {}

  /** What limit a parse failure broke, if it was a limit and not malformed JSON. */
  public static Optional<Excess> excess(Throwable e, long maxTokens) {
    Throwable limit = e;
    while (limit != null && !(limit instanceof StreamConstraintsException)) {
      limit = limit.getCause() == limit ? null : limit.getCause();
    }
    if (limit == null) {
      return Optional.empty();
    }
    String m = String.valueOf(limit.getMessage());
    if (m.contains("nesting depth")) {
      return Optional.of(
          new Excess(400, "objects and arrays are nested deeper than " + MAX_DEPTH + " levels"));
    }
    if (m.contains("Number value length") || m.contains("number value length")) {
      return Optional.of(
          new Excess(
              400, "a number is written with more than " + MAX_NUMBER_CHARS + " characters"));
    }
    if (m.contains("Name length") || m.contains("name length")) {
      return Optional.of(new Excess(413, "a key is longer than " + MAX_KEY_CHARS + " characters"));
    }
    if (m.contains("String value length") || m.contains("string value length")) {
      return Optional.of(
          new Excess(413, "a string is longer than " + MAX_STRING_CHARS + " characters"));
    }
    if (m.contains("Token count") || m.contains("token count")) {
      return Optional.of(
          new Excess(
              413,
              "the document holds more than "
                  + String.format("%,d", maxTokens)
                  + " JSON tokens (keys, values, brackets)"));
    }
    return Optional.of(new Excess(413, "the document is larger than this service reads"));
  }
}
