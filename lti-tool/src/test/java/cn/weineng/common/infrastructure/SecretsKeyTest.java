package cn.weineng.common.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsKeyTest {

  @TempDir Path dir;

  private SecretsKey key(String configured) {
    SecretsKey k = new SecretsKey();
    k.configured = Optional.ofNullable(configured);
    k.dataDir = dir.resolve("data").toString();
    k.load();
    return k;
  }

  @Test
  void sealsAndOpensBoundToItsContext() {
    SecretsKey k = key(null);
    String sealed = k.seal("{\"d\":\"private\"}", "lti_tool_key:a");
    assertThat(sealed).startsWith("enc:v1:" + k.keyId() + ":").doesNotContain("private");
    assertThat(k.open(sealed, "lti_tool_key:a")).isEqualTo("{\"d\":\"private\"}");
    // each sealing draws a fresh nonce
    assertThat(k.seal("{\"d\":\"private\"}", "lti_tool_key:a")).isNotEqualTo(sealed);
    // moved to another row, or with one character changed, it does not open
    assertThatThrownBy(() -> k.open(sealed, "lti_tool_key:b"))
        .hasMessageContaining("damaged or belongs to another row");
    char c = sealed.charAt(sealed.length() - 5);
    String flipped =
        sealed.substring(0, sealed.length() - 5)
            + (c == 'A' ? 'B' : 'A')
            + sealed.substring(sealed.length() - 4);
    assertThatThrownBy(() -> k.open(flipped, "lti_tool_key:a"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void generatesAnOwnerOnlyKeyFileOnceAndReadsItAgain() throws Exception {
    SecretsKey first = key(null);
    Path file = dir.resolve("data").resolve("secrets.key");
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    SecretsKey again = key(null);
    assertThat(again.keyId()).isEqualTo(first.keyId());
    assertThat(again.open(first.seal("x", "c"), "c")).isEqualTo("x");
  }

  @Test
  void aConfiguredKeyWinsAndAnotherKeySaysWhichItNeeds() {
    byte[] raw = new byte[32];
    raw[0] = 7;
    SecretsKey configured = key(Base64.getEncoder().encodeToString(raw));
    assertThat(Files.exists(dir.resolve("data").resolve("secrets.key"))).isFalse();
    String sealed = configured.seal("x", "c");
    SecretsKey other = key(null);
    assertThatThrownBy(() -> other.open(sealed, "c"))
        .hasMessageContaining("sealed under another secrets key")
        .hasMessageContaining(configured.keyId())
        .hasMessageContaining("WEINENG_SECRETS_KEY");
  }

  @Test
  void refusesAKeyOfTheWrongSize() {
    assertThatThrownBy(() -> key(Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> key("not base64 !")).hasMessageContaining("not base64");
  }
}
