package cn.weineng.common.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RuntimeLeftoversTest {

  private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

  @Test
  void onlyPayaraMicrosOwnRuntimeDirectoriesQualify() {
    assertThat(
            RuntimeLeftovers.isPayaraRuntimeDir(
                TMP.resolve("payaramicro-rt4331127325753945998tmp")))
        .isTrue();
    // another name, a nested directory, the temporary directory itself, a path that climbs out
    assertThat(RuntimeLeftovers.isPayaraRuntimeDir(TMP.resolve("payaramicro-rt1tmp-copy")))
        .isFalse();
    assertThat(RuntimeLeftovers.isPayaraRuntimeDir(TMP.resolve("x").resolve("payaramicro-rt1tmp")))
        .isFalse();
    assertThat(RuntimeLeftovers.isPayaraRuntimeDir(TMP)).isFalse();
    assertThat(RuntimeLeftovers.isPayaraRuntimeDir(Path.of("/home/payaramicro-rt1tmp"))).isFalse();
    assertThat(
            RuntimeLeftovers.isPayaraRuntimeDir(
                TMP.resolve("payaramicro-rt1tmp").resolve("..").resolve("..").resolve("etc")))
        .isFalse();
  }
}
