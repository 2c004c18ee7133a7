package cn.weineng.common.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigratorTest {

  @Test
  void anEmbeddedDatabaseDirectoryIsOwnerOnly(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("db"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path file = Files.writeString(dir.resolve("weineng.mv.db"), "x");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    SchemaMigrator.ownerOnly("jdbc:h2:file:" + dir.resolve("weineng") + ";WRITE_DELAY=0");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void aSharedDirectoryKeepsItsModeButTheDatabaseFilesDoNot(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("shared"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path db = Files.writeString(dir.resolve("weineng.mv.db"), "x");
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
    Path other = Files.writeString(dir.resolve("notes.txt"), "x");
    Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-r--r--"));

    SchemaMigrator.ownerOnly("jdbc:h2:file:" + dir.resolve("weineng"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwxr-xr-x");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(other)))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void otherDatabasesAreLeftAlone(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("db"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    SchemaMigrator.ownerOnly("jdbc:h2:mem:" + dir.resolve("weineng"));
    SchemaMigrator.ownerOnly("jdbc:postgresql://127.0.0.1:5432/" + dir.resolve("weineng"));
    SchemaMigrator.ownerOnly(null);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwxr-xr-x");
  }
}
