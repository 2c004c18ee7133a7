package cn.weineng.lti.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Turns a valid request part into one a careless client or an attacker might send: JSON trees with
 * values of the wrong type, odd strings, missing or unknown keys; bytes flipped, cut or doubled;
 * texts that are too long, empty, or not what they claim. Deterministic for a given {@link Random}.
 */
public final class Mutator {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Strings that have broken services before. */
  private static final String[] ODD_STRINGS = {
    "",
    " ",
    "\t",
    "null",
    "true",
    "0",
    "-1",
    "1e400",
    "NaN",
    "x\u0000y",
    "\uD800",
    "\uFFFF",
    "\u202Eevil",
    "../../../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "%00",
    "%ZZ",
    "' OR '1'='1",
    "\"; drop table person; --",
    "<script>alert(1)</script>",
    "${jndi:ldap://127.0.0.1:9/x}",
    "#{7*7}",
    "mailto:",
    "mailto:a@b",
    "http://",
    "http://127.0.0.1:9/x",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "2026-13-45T99:99:99Z",
    "2026-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999999+14:00",
    "00000000-0000-0000-0000-000000000000",
    "not-a-uuid",
    "张老师",
    "😀",
    "a\r\nSet-Cookie: x=1",
    "default",
    "default ",
  };

  private final Random random;

  public Mutator(Random random) {
    this.random = random;
  }

  public Random random() {
    return random;
  }

  public <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  public String oddString() {
    int k = random.nextInt(ODD_STRINGS.length + 4);
    if (k < ODD_STRINGS.length) {
      return ODD_STRINGS[k];
    }
    return switch (k - ODD_STRINGS.length) {
      case 0 -> "x".repeat(1 + random.nextInt(5000));
      case 1 -> randomText(1 + random.nextInt(40));
      case 2 -> "http://example.cn/" + randomText(1 + random.nextInt(20));
      default -> Long.toString(random.nextLong());
    };
  }

  /** A value of any JSON type, often one a field does not expect. */
  public JsonNode oddValue() {
    return switch (random.nextInt(16)) {
      case 0 -> F.nullNode();
      case 1 -> F.booleanNode(random.nextBoolean());
      case 2 -> F.numberNode(0);
      case 3 -> F.numberNode(-1);
      case 4 -> F.numberNode(new BigInteger("9223372036854775808"));
      case 5 -> F.numberNode(1e308);
      case 6 -> F.numberNode(0.5);
      case 7 -> F.objectNode();
      case 8 -> F.arrayNode();
      case 9 -> nested(10 + random.nextInt(90));
      case 10 -> F.arrayNode().add(F.textNode(oddString()));
      case 11 -> F.objectNode().put(oddString(), oddString());
      default -> F.textNode(oddString());
    };
  }

  private JsonNode nested(int depth) {
    JsonNode n = F.textNode("deep");
    for (int i = 0; i < depth; i++) {
      n = random.nextBoolean() ? F.arrayNode().add(n) : F.objectNode().set("a", n);
    }
    return n;
  }

  /** A mutated form of a JSON document, as bytes (which may no longer be JSON at all). */
  public byte[] json(JsonNode seed) {
    int kind = random.nextInt(12);
    if (kind < 6) {
      JsonNode tree = seed.deepCopy();
      int edits = 1 + random.nextInt(3);
      for (int i = 0; i < edits; i++) {
        tree = editTree(tree);
      }
      return write(tree);
    }
    byte[] bytes = write(seed);
    return switch (kind) {
      case 6 -> flip(bytes);
      case 7 ->
          bytes.length < 2 ? bytes : java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
      case 8 -> duplicateFirstKey(new String(bytes, StandardCharsets.UTF_8));
      case 9 -> concat(bytes, random.nextBoolean() ? bytes : "x".getBytes(StandardCharsets.UTF_8));
      case 10 -> insert(bytes, rawOdd());
      default ->
          concat(
              concat("[".getBytes(StandardCharsets.UTF_8), bytes),
              "]".getBytes(StandardCharsets.UTF_8));
    };
  }

  /**
   * Bytes that no encoder would write inside a JSON string: NUL, overlong forms, lone surrogates.
   */
  private byte[] rawOdd() {
    byte[][] options = {
      {0},
      {(byte) 0xC0, (byte) 0xAF},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xFF},
      {'\\', 'u', '0', '0', '0', '0'},
      {'\\', 'u', 'D', '8', '0', '0'},
      {',', ','},
      {'}'},
      {'"'},
      {'1', 'e', '9', '9', '9', '9'},
    };
    return options[random.nextInt(options.length)];
  }

  private byte[] duplicateFirstKey(String text) {
    int open = text.indexOf('{');
    int colon = text.indexOf(':', open);
    if (open < 0 || colon < 0) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    String key = text.substring(open + 1, colon);
    return (text.substring(0, open + 1) + key + ":null," + text.substring(open + 1))
        .getBytes(StandardCharsets.UTF_8);
  }

  private JsonNode editTree(JsonNode root) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    if (containers.isEmpty() || random.nextInt(20) == 0) {
      return oddValue();
    }
    JsonNode target = pick(containers);
    if (target instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      int action = random.nextInt(names.isEmpty() ? 1 : 4);
      switch (action) {
        case 0 -> o.set(random.nextBoolean() ? "unknown" : oddString(), oddValue());
        case 1 -> o.remove(pick(names));
        case 2 -> o.set(pick(names), oddValue());
        default -> {
          String name = pick(names);
          JsonNode v = o.get(name);
          o.set(name, sameTypeEdge(v));
        }
      }
    } else if (target instanceof ArrayNode a) {
      int action = random.nextInt(a.isEmpty() ? 1 : 4);
      switch (action) {
        case 0 -> a.add(oddValue());
        case 1 -> a.remove(random.nextInt(a.size()));
        case 2 -> a.set(random.nextInt(a.size()), oddValue());
        default -> {
          JsonNode first = a.get(0);
          int copies = random.nextInt(4) == 0 ? 1_100 : 2 + random.nextInt(20);
          for (int i = 0; i < copies; i++) {
            a.add(first.deepCopy());
          }
        }
      }
    }
    return root;
  }

  /** A value of the same JSON type at an edge: empty, huge, negative, odd text. */
  private JsonNode sameTypeEdge(JsonNode v) {
    if (v.isTextual()) {
      return F.textNode(oddString());
    }
    if (v.isNumber()) {
      double[] edges = {0, -1, -0.0, 1e-320, 1e308, Long.MAX_VALUE, 0.1, 100.5, 1001};
      return F.numberNode(edges[random.nextInt(edges.length)]);
    }
    if (v.isArray()) {
      return random.nextBoolean() ? F.arrayNode() : F.arrayNode().add(F.nullNode());
    }
    if (v.isObject()) {
      return F.objectNode();
    }
    return oddValue();
  }

  private static void collect(JsonNode n, List<JsonNode> out) {
    if (n.isContainerNode()) {
      out.add(n);
      n.forEach(c -> collect(c, out));
    }
  }

  /** A mutated text: a form field, a query value, a header. */
  public String text(String seed) {
    return switch (random.nextInt(6)) {
      case 0 -> oddString();
      case 1 -> seed.isEmpty() ? "" : seed.substring(0, random.nextInt(seed.length()));
      case 2 -> seed + oddString();
      case 3 ->
          new String(flip(seed.getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1);
      case 4 -> seed.repeat(2 + random.nextInt(3));
      default -> "";
    };
  }

  public byte[] flip(byte[] bytes) {
    if (bytes.length == 0) {
      return new byte[] {(byte) random.nextInt(256)};
    }
    byte[] out = bytes.clone();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      out[random.nextInt(out.length)] = (byte) random.nextInt(256);
    }
    return out;
  }

  private byte[] insert(byte[] bytes, byte[] what) {
    int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
    byte[] out = new byte[bytes.length + what.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(what, 0, out, at, what.length);
    System.arraycopy(bytes, at, out, at + what.length, bytes.length - at);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private String randomText(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int c =
          random.nextInt(4) == 0 ? 0x4E00 + random.nextInt(0x5000) : 0x20 + random.nextInt(0x5F);
      s.appendCodePoint(c);
    }
    return s.toString();
  }

  private static byte[] write(JsonNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // a lone surrogate cannot be written as UTF-8: send it escaped, as a client might
      try {
        return ESCAPING.writeValueAsBytes(n);
      } catch (com.fasterxml.jackson.core.JsonProcessingException again) {
        throw new IllegalStateException(again);
      }
    }
  }

  private static final ObjectMapper ESCAPING =
      com.fasterxml.jackson.databind.json.JsonMapper.builder()
          .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
          .build();
}
