package cn.weineng.common.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Payara Micro unpacks itself into a new runtime directory under the temporary directory at each
 * start (about 110 MB) and removes it when it stops; a process that is killed leaves it behind. At
 * each start this notes the directory in {@code <data dir>/payara-runtime} and deletes the one the
 * previous run of this data directory noted, when that run left it: a data directory belongs to one
 * running Weineng at a time, so that directory is nobody's. Only a directory named as Payara Micro
 * names its runtime directories, directly under the temporary directory, is ever deleted; and the
 * same for the copy of the application (app…tmp) the bundle makes at each start.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RuntimeLeftovers {

  private static final Logger LOG = Logger.getLogger(RuntimeLeftovers.class.getName());

  @Inject
  @ConfigProperty(name = "weineng.data-dir", defaultValue = "weineng-data")
  String dataDir;

  @PostConstruct
  void clean() {
    String root = System.getProperty("com.sun.aas.instanceRoot");
    if (root == null) {
      return;
    }
    Path current = Path.of(root).toAbsolutePath().normalize();
    if (!isPayaraRuntimeDir(current)) {
      return; // not Payara Micro's temporary runtime (a configured root directory): nothing to do
    }
    Path note = Path.of(dataDir).resolve("payara-runtime");
    List<Path> copies = applicationCopiesOfThisRun();
    try {
      OwnerOnlyFiles.directory(note.getParent());
      if (Files.exists(note)) {
        List<String> lines = Files.readAllLines(note, StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
          lines = List.of(current.toString()); // a note cut by a kill: nothing known to clean
        }
        Path previous = Path.of(lines.get(0).strip());
        if (!previous.equals(current)
            && isPayaraRuntimeDir(previous)
            && Files.isDirectory(previous)) {
          delete(previous);
          LOG.info(() -> "removed the runtime directory a killed run left: " + previous);
        }
        for (String line : lines.subList(1, lines.size())) {
          Path copy = Path.of(line.strip());
          if (!copies.contains(copy) && isApplicationCopy(copy) && Files.isRegularFile(copy)) {
            Files.deleteIfExists(copy);
            LOG.info(() -> "removed the application copy a killed run left: " + copy);
          }
        }
      }
      StringBuilder text = new StringBuilder(current + System.lineSeparator());
      copies.forEach(c -> text.append(c).append(System.lineSeparator()));
      // written aside and moved into place, so that a kill never leaves half a note
      Path next = note.resolveSibling("payara-runtime.next");
      Files.writeString(next, text, StandardCharsets.UTF_8);
      Files.move(
          next,
          note,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      LOG.warning(() -> "could not clean up an earlier runtime directory: " + e.getMessage());
    }
  }

  /**
   * The copies of the application (app…tmp, about 6 MB) the bundle wrote into the temporary
   * directory since this JVM started: Payara Micro removes its copy when it stops, and a killed run
   * leaves it.
   */
  static List<Path> applicationCopiesOfThisRun() {
    long started = ManagementFactory.getRuntimeMXBean().getStartTime() - 1_000;
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    try (Stream<Path> files = Files.list(tmp)) {
      return files
          .filter(RuntimeLeftovers::isApplicationCopy)
          .filter(
              f -> {
                try {
                  return Files.isRegularFile(f)
                      && Files.getLastModifiedTime(f).toMillis() >= started;
                } catch (IOException e) {
                  return false;
                }
              })
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** A copy of an application Payara Micro made: app…tmp, directly in the temporary directory. */
  static boolean isApplicationCopy(Path p) {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    Path abs = p.toAbsolutePath().normalize();
    return tmp.equals(abs.getParent()) && abs.getFileName().toString().matches("app[0-9]+tmp");
  }

  /**
   * A directory Payara Micro made for its runtime: payaramicro-rt…tmp in the temporary directory.
   */
  static boolean isPayaraRuntimeDir(Path p) {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    Path abs = p.toAbsolutePath().normalize();
    return tmp.equals(abs.getParent())
        && abs.getFileName().toString().matches("payaramicro-rt[0-9]+tmp");
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
