package cn.weineng.xapi.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Fixed-window request limits that hold across nodes: how many times something happened for a
 * bucket (a source address, a credential, a platform) in the current window, counted in the shared
 * database. Used for failed authentications (the LRS's and the admin's) and LTI login initiations.
 *
 * <p>A request never waits for the database: each node counts in memory and, about once a second
 * (on the first request after that second), adds its counts to {@code request_limit} and reads the
 * totals of the live windows back. A limit therefore holds across nodes to within what the nodes
 * counted in the last second. Buckets are hashed, so no address or key is stored as it is.
 */
@ApplicationScoped
public class RequestLimits {

  private static final Logger LOG = Logger.getLogger(RequestLimits.class.getName());
  private static final long SYNC_MILLIS = 1000;

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject RequestLimits self;

  /**
   * Addresses of reverse proxies whose {@code X-Forwarded-For} is believed ({@code
   * WEINENG_TRUSTED_PROXIES}, comma-separated); from anyone else the header is ignored.
   */
  @Inject
  @org.eclipse.microprofile.config.inject.ConfigProperty(name = "weineng.trusted-proxies")
  Optional<String> trustedProxies; // an empty default would be "no value" to MicroProfile Config

  /** Failed authentications one source address may make in {@link #AUTH_WINDOW}. */
  @Inject
  @org.eclipse.microprofile.config.inject.ConfigProperty(
      name = "weineng.limits.auth-failures-per-address",
      defaultValue = "50")
  int authFailuresPerAddress;

  /** Failed authentications one user name or LRS key may have in {@link #AUTH_WINDOW}. */
  @Inject
  @org.eclipse.microprofile.config.inject.ConfigProperty(
      name = "weineng.limits.auth-failures-per-client",
      defaultValue = "100")
  int authFailuresPerClient;

  /** LTI login initiations one source address may start in {@link #LOGIN_WINDOW}. */
  @Inject
  @org.eclipse.microprofile.config.inject.ConfigProperty(
      name = "weineng.limits.logins-per-address",
      defaultValue = "3000")
  int loginsPerAddress;

  /** LTI login initiations one platform registration may start in {@link #LOGIN_WINDOW}. */
  @Inject
  @org.eclipse.microprofile.config.inject.ConfigProperty(
      name = "weineng.limits.logins-per-client",
      defaultValue = "60000")
  int loginsPerClient;

  public static final Duration AUTH_WINDOW = Duration.ofMinutes(10);
  public static final Duration LOGIN_WINDOW = Duration.ofMinutes(1);

  /**
   * The address a request comes from: the connection's, or, when that is a trusted proxy, the last
   * address its {@code X-Forwarded-For} names.
   */
  public String sourceOf(String remoteAddress, String forwardedFor) {
    String proxies = trustedProxies.orElse("");
    if (forwardedFor != null
        && !proxies.isBlank()
        && java.util.Arrays.stream(proxies.split(","))
            .map(String::strip)
            .anyMatch(p -> p.equals(remoteAddress))) {
      String[] hops = forwardedFor.split(",");
      String last = hops[hops.length - 1].strip();
      if (!last.isEmpty() && last.length() <= 64) {
        return last;
      }
    }
    return remoteAddress == null ? "unknown" : remoteAddress;
  }

  /**
   * Whether authentication attempts of a kind ({@code admin}, {@code lrs}) from an address or for a
   * client (user name, key) are refused for now, having failed too often; how long if so.
   */
  public Optional<Duration> authBlocked(String kind, String address, String client) {
    Optional<Duration> byAddress =
        over(kind + "-auth-fail|address|" + address, authFailuresPerAddress, AUTH_WINDOW);
    if (byAddress.isPresent() || client == null) {
      return byAddress;
    }
    return over(kind + "-auth-fail|client|" + client, authFailuresPerClient, AUTH_WINDOW);
  }

  /** Counts a failed authentication of a kind from an address for a client (may be null). */
  public void authFailed(String kind, String address, String client) {
    hit(kind + "-auth-fail|address|" + address, AUTH_WINDOW);
    if (client != null) {
      hit(kind + "-auth-fail|client|" + client, AUTH_WINDOW);
    }
  }

  /**
   * Counts an LTI login initiation from an address for a registration (issuer and client id),
   * unless one of them already started too many in this minute; then how long to wait.
   */
  public Optional<Duration> login(String address, String registration) {
    Optional<Duration> byAddress =
        take("lti-login|address|" + address, loginsPerAddress, LOGIN_WINDOW);
    if (byAddress.isPresent()) {
      return byAddress;
    }
    return take("lti-login|client|" + registration, loginsPerClient, LOGIN_WINDOW);
  }

  private record Key(String bucket, long windowStart, long seconds) {
    boolean liveAt(long now) {
      return windowStart + seconds > now;
    }
  }

  private final Map<Key, AtomicLong> pending = new ConcurrentHashMap<>();
  private final Map<Key, Long> shared = new ConcurrentHashMap<>();
  private final AtomicLong nextSync = new AtomicLong();

  /**
   * Counts one occurrence for {@code bucket} unless the bucket already reached {@code limit} in its
   * current window of length {@code window}; then returns how long until the window ends.
   */
  public Optional<Duration> take(String bucket, int limit, Duration window) {
    sync();
    Key key = key(bucket, window);
    Optional<Duration> over = over(key, limit);
    if (over.isEmpty()) {
      count(key);
    }
    return over;
  }

  /** How long until {@code bucket} is under {@code limit} again; empty when it is now. */
  public Optional<Duration> over(String bucket, int limit, Duration window) {
    sync();
    return over(key(bucket, window), limit);
  }

  /** Counts one occurrence for {@code bucket} in its current window. */
  public void hit(String bucket, Duration window) {
    count(key(bucket, window));
    sync();
  }

  /** The bucket's current window. */
  private static Key key(String bucket, Duration window) {
    long now = Instant.now().getEpochSecond();
    long seconds = window.getSeconds();
    return new Key(hash(bucket), now - now % seconds, seconds);
  }

  private Optional<Duration> over(Key key, int limit) {
    AtomicLong local = pending.get(key);
    long count = shared.getOrDefault(key, 0L) + (local == null ? 0 : local.get());
    if (count < limit) {
      return Optional.empty();
    }
    long left = key.windowStart() + key.seconds() - Instant.now().getEpochSecond();
    return Optional.of(Duration.ofSeconds(Math.max(1, left)));
  }

  private void count(Key key) {
    pending.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
  }

  private void sync() {
    long now = System.currentTimeMillis();
    long due = nextSync.get();
    if (now < due || !nextSync.compareAndSet(due, now + SYNC_MILLIS)) {
      return;
    }
    try {
      self.flush();
    } catch (RuntimeException e) {
      // that second's counts are lost (a limit lets a few more through); a request is never
      // refused for this
      LOG.warning(() -> "could not share request counts: " + e.getClass().getSimpleName());
    }
  }

  /** Adds this node's counts to the shared ones and reads the live windows' totals back. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void flush() {
    long oldest = Instant.now().getEpochSecond() - 3600;
    for (Map.Entry<Key, AtomicLong> e : pending.entrySet()) {
      long n = e.getValue().getAndSet(0);
      if (n == 0) {
        continue;
      }
      int updated =
          em.createNativeQuery(
                  "update request_limit set hits = hits + ? where bucket = ? and window_start = ?")
              .setParameter(1, n)
              .setParameter(2, e.getKey().bucket())
              .setParameter(3, e.getKey().windowStart())
              .executeUpdate();
      if (updated == 0) {
        em.createNativeQuery(
                "insert into request_limit (bucket, window_start, hits) values (?, ?, ?)")
            .setParameter(1, e.getKey().bucket())
            .setParameter(2, e.getKey().windowStart())
            .setParameter(3, n)
            .executeUpdate();
      }
    }
    // read back the totals of the windows this node knows of (every node's counts for them)
    long now = Instant.now().getEpochSecond();
    pending.entrySet().removeIf(e -> e.getValue().get() == 0 && !e.getKey().liveAt(now));
    java.util.Set<Key> known = new java.util.HashSet<>(pending.keySet());
    shared.keySet().stream().filter(k -> k.liveAt(now)).forEach(known::add);
    Map<Key, Long> fresh = new java.util.HashMap<>();
    List<Key> keys = List.copyOf(known);
    for (int from = 0; from < keys.size(); from += 500) {
      List<Key> chunk = keys.subList(from, Math.min(keys.size(), from + 500));
      Map<String, List<Key>> byBucket = new java.util.HashMap<>();
      chunk.forEach(
          k -> byBucket.computeIfAbsent(k.bucket(), b -> new java.util.ArrayList<>()).add(k));
      jakarta.persistence.Query q =
          em.createNativeQuery(
              "select bucket, window_start, hits from request_limit where bucket in ("
                  + String.join(", ", java.util.Collections.nCopies(byBucket.size(), "?"))
                  + ")");
      int i = 1;
      for (String bucket : byBucket.keySet()) {
        q.setParameter(i++, bucket);
      }
      @SuppressWarnings("unchecked")
      List<Object[]> rows = q.getResultList();
      for (Object[] r : rows) {
        for (Key k : byBucket.getOrDefault((String) r[0], List.of())) {
          if (k.windowStart() == ((Number) r[1]).longValue()) {
            fresh.put(k, ((Number) r[2]).longValue());
          }
        }
      }
    }
    shared.clear();
    shared.putAll(fresh);
    // windows older than an hour are no limit's any more
    em.createNativeQuery("delete from request_limit where window_start < ?")
        .setParameter(1, oldest)
        .executeUpdate();
  }

  static String hash(String bucket) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(bucket.getBytes(StandardCharsets.UTF_8)),
              0,
              20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
