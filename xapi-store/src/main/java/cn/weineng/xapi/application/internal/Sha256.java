package cn.weineng.xapi.application.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a text (UTF-8) in lowercase hex: credential secrets, document keys and the agent
 * digests the documents and the erasure audit share, which must be computed the same way.
 */
final class Sha256 {

  private Sha256() {}

  static String hex(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
