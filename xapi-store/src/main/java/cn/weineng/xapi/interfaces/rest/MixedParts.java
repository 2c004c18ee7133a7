package cn.weineng.xapi.interfaces.rest;

import cn.weineng.xapi.domain.XapiException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code multipart/mixed} body (RFC 2046 §5.1) as xAPI uses it for statements with attachments
 * (Communication 1.5.2): the statements as the first part, then one part per attachment. Read from
 * the bytes as they came; a body that breaks the syntax is a 400 saying where.
 */
final class MixedParts {

  /** One part: its header fields (names in lower case) and its bytes. */
  record Part(Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private MixedParts() {}

  static List<Part> parse(byte[] body, String boundary) {
    if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
      throw XapiException.badRequest(
          "a multipart/mixed body needs a boundary parameter (1 to 70 characters)");
    }
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    List<Part> parts = new ArrayList<>();
    int at = indexOf(body, delimiter, 0);
    if (at < 0) {
      throw XapiException.badRequest("the multipart body never shows its boundary");
    }
    while (true) {
      int after = at + delimiter.length;
      if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
        return parts; // the close delimiter
      }
      // the rest of the delimiter line (transport padding), then CRLF
      int lineEnd = indexOf(body, new byte[] {'\r', '\n'}, after);
      if (lineEnd < 0) {
        throw XapiException.badRequest("the multipart body ends inside a boundary line");
      }
      int next = indexOf(body, concat(new byte[] {'\r', '\n'}, delimiter), lineEnd);
      if (next < 0) {
        throw XapiException.badRequest(
            "the multipart body ends without its closing boundary (--" + boundary + "--)");
      }
      if (next < lineEnd + 2) {
        throw XapiException.badRequest(
            "part "
                + (parts.size() + 1)
                + " of the multipart body is empty (no headers, no content)");
      }
      parts.add(part(Arrays.copyOfRange(body, lineEnd + 2, next), parts.size()));
      at = next + 2;
    }
  }

  private static Part part(byte[] raw, int index) {
    int split = indexOf(raw, new byte[] {'\r', '\n', '\r', '\n'}, 0);
    String head;
    byte[] content;
    if (raw.length >= 2 && raw[0] == '\r' && raw[1] == '\n') {
      head = "";
      content = Arrays.copyOfRange(raw, 2, raw.length);
    } else if (split < 0) {
      throw XapiException.badRequest(
          "part " + (index + 1) + " of the multipart body has no blank line after its headers");
    } else {
      head = new String(raw, 0, split, StandardCharsets.ISO_8859_1);
      content = Arrays.copyOfRange(raw, split + 4, raw.length);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : head.split("\r\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw XapiException.badRequest(
            "part " + (index + 1) + " of the multipart body has a malformed header line");
      }
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    return new Part(headers, content);
  }

  private static int indexOf(byte[] in, byte[] what, int from) {
    outer:
    for (int i = Math.max(0, from); i <= in.length - what.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (in[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
