package cn.weineng.common.infrastructure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files in the data directory that hold a secret: created readable by their owner only. */
public final class OwnerOnlyFiles {

  private OwnerOnlyFiles() {}

  /**
   * Writes {@code text} and a line end to a new file (an earlier one is replaced), created {@code
   * rw-------} where the file system has POSIX permissions, with its directories.
   */
  public static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.deleteIfExists(file);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, text + System.lineSeparator(), StandardCharsets.UTF_8);
  }
}
