package cn.weineng.common.infrastructure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The data directory and the files in it that hold a secret: readable by their owner only. */
public final class OwnerOnlyFiles {

  private OwnerOnlyFiles() {}

  /**
   * Writes {@code text} and a line end to a new file (an earlier one is replaced), created {@code
   * rw-------} where the file system has POSIX permissions, with its directories.
   */
  public static void write(Path file, String text) throws IOException {
    directory(file.toAbsolutePath().getParent());
    Files.deleteIfExists(file);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, text + System.lineSeparator(), StandardCharsets.UTF_8);
  }

  /**
   * The directory, made if missing, and {@code rwx------} where the file system has POSIX
   * permissions, so that nobody else can list or read the data directory.
   */
  public static void directory(Path dir) throws IOException {
    Files.createDirectories(dir);
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // no POSIX permissions here (Windows): the directory's own ACL applies
    }
  }
}
