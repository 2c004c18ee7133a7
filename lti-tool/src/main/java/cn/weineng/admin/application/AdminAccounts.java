package cn.weineng.admin.application;

import cn.weineng.admin.domain.AdminAccount;
import cn.weineng.admin.infrastructure.Passwords;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The admin account, bootstrapped from configuration at start-up.
 *
 * <p>{@code weineng.admin.username} (default {@code admin}) and {@code weineng.admin.password}
 * (environment {@code WEINENG_ADMIN_PASSWORD}). A configured password is authoritative: it is
 * (re)hashed into the database when it does not match. With none configured on first start, a
 * random password is written to {@code <data dir>/initial-admin-password} (owner-only) and the log
 * says where, never what.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AdminAccounts {

  private static final Logger LOG = Logger.getLogger(AdminAccounts.class.getName());

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject
  @ConfigProperty(name = "weineng.admin.username", defaultValue = "admin")
  String username;

  @Inject
  @ConfigProperty(name = "weineng.admin.password")
  Optional<String> configuredPassword;

  @Inject
  @ConfigProperty(name = "weineng.data-dir", defaultValue = "weineng-data")
  String dataDir;

  /**
   * Verified credentials, by SHA-256 of "user:password", so PBKDF2 runs once per credential, not
   * per request.
   */
  private final ConcurrentHashMap<String, String> verified = new ConcurrentHashMap<>();

  @PostConstruct
  void bootstrap() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    AdminAccount account = em.find(AdminAccount.class, username);
    Optional<String> configured = configuredPassword.filter(p -> !p.isBlank());
    if (account == null) {
      String password = configured.orElseGet(Passwords::randomPassword);
      em.persist(new AdminAccount(username, Passwords.hash(password.toCharArray()), now));
      if (configured.isPresent()) {
        LOG.info(() -> "admin account '" + username + "' created with the configured password");
      } else {
        Path file = writeInitialPassword(password);
        LOG.warning(
            () ->
                "admin account '"
                    + username
                    + "' created with a random password, written to "
                    + file.toAbsolutePath()
                    + "; set WEINENG_ADMIN_PASSWORD to choose your own");
      }
    } else if (configured.isPresent()
        && !Passwords.verify(configured.get().toCharArray(), account.passwordHash())) {
      account.changePasswordHash(Passwords.hash(configured.get().toCharArray()), now);
      LOG.info(() -> "admin account '" + username + "' password updated from configuration");
    }
  }

  private Path writeInitialPassword(String password) {
    try {
      Path file = Path.of(dataDir).resolve("initial-admin-password");
      cn.weineng.common.infrastructure.OwnerOnlyFiles.write(file, password);
      return file;
    } catch (IOException e) {
      throw new IllegalStateException(
          "could not write the initial admin password under " + dataDir, e);
    }
  }

  /** Whether an HTTP Basic header carries the admin's credentials. */
  public boolean authenticate(String basicHeader) {
    java.util.Optional<cn.weineng.xapi.application.BasicCredentials> basic =
        cn.weineng.xapi.application.BasicCredentials.of(basicHeader);
    if (basic.isEmpty()) {
      return false;
    }
    String user = basic.get().user();
    String decoded = user + ":" + basic.get().password();
    if (!user.equals(username)) {
      // only the configured admin: renaming it in configuration retires the old account
      return false;
    }
    String cacheKey = sha256(decoded);
    AdminAccount account = em.find(AdminAccount.class, user);
    if (account == null) {
      return false;
    }
    if (account.passwordHash().equals(verified.get(cacheKey))) {
      return true;
    }
    if (Passwords.verify(basic.get().password().toCharArray(), account.passwordHash())) {
      verified.put(cacheKey, account.passwordHash());
      return true;
    }
    return false;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
