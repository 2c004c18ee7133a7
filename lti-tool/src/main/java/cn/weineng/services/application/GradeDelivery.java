package cn.weineng.services.application;

import cn.weineng.launch.domain.LtiClaims;
import cn.weineng.platform.domain.Platform;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Logger;

/**
 * Sends queued scores to the platforms' line items (AGS 2.0 §3.4), every 15 seconds and on demand.
 * A row is claimed for a minute before it is sent, so that two nodes never send it both; a score
 * the platform takes is marked sent; one it does not is tried again after 30 s, 1, 2, 4 … minutes
 * (at most an hour), and marked failed after 12 attempts, when an admin sees it and can run it
 * again.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class GradeDelivery {

  private static final Logger LOG = Logger.getLogger(GradeDelivery.class.getName());
  static final int MAX_ATTEMPTS = 12;
  static final String SCORE_TYPE = "application/vnd.ims.lis.v1.score+json";

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject ServiceTokens tokens;
  @Inject GradeRows rows;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Schedule(hour = "*", minute = "*", second = "*/15", persistent = false)
  void tick() {
    deliverDue(false);
  }

  /**
   * Sends what is due; with {@code now}, everything still to send, whatever its backoff (an admin's
   * "send now"). Returns how many were sent.
   */
  public int deliverDue(boolean now) {
    int sent = 0;
    for (String id : rows.due(now ? 500 : 50, now)) {
      if (!rows.claim(id)) {
        continue; // another node has it
      }
      Object[] row = rows.row(id);
      Platform p = em.find(Platform.class, (String) row[0]);
      String lineitem = (String) row[1];
      String payload = (String) row[2];
      int attempts = ((Number) row[3]).intValue();
      String error = send(p, lineitem, payload);
      if (error == null) {
        rows.sent(id);
        sent++;
      } else {
        // a request the platform calls wrong (400, 403, 404, 422…) will not succeed later: it fails
        // at once, visibly; a refused token, a timeout or a busy platform is tried again
        boolean permanent = permanent(error);
        rows.failedAttempt(id, attempts + 1, error, permanent || attempts + 1 >= MAX_ATTEMPTS);
        LOG.info(() -> "score " + id + " not delivered yet: " + error);
      }
    }
    return sent;
  }

  /**
   * Whether a failure will not go away by trying again: the platform called the request wrong (a
   * 4xx other than 401, 408 and 429).
   */
  static boolean permanent(String error) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("the platform answered (4\\d\\d)").matcher(error);
    return m.matches() && !java.util.Set.of("401", "408", "429").contains(m.group(1));
  }

  /** Null when the platform took the score, else why not. */
  String send(Platform p, String lineitem, String payload) {
    if (p == null) {
      return "the platform is no longer registered";
    }
    String token;
    try {
      token = tokens.token(p, List.of(LtiClaims.AGS_SCORE_SCOPE));
    } catch (ServiceTokens.ServiceException e) {
      return e.getMessage();
    }
    HttpResponse<Void> r;
    try {
      r =
          http.send(
              HttpRequest.newBuilder(scoresUrl(lineitem))
                  .timeout(Duration.ofSeconds(15))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", SCORE_TYPE)
                  .POST(HttpRequest.BodyPublishers.ofString(payload))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      return "the platform did not answer";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    if (r.statusCode() == 401) {
      tokens.forget(p);
    }
    return r.statusCode() / 100 == 2 ? null : "the platform answered " + r.statusCode();
  }

  /**
   * A line item's scores URL: {@code /scores} on its path, its query kept (Moodle's line items
   * carry {@code ?type_id=…}).
   */
  static URI scoresUrl(String lineitem) {
    return subResource(lineitem, "scores");
  }

  /** A line item's sub-resource ({@code scores}, {@code results}): on its path, its query kept. */
  static URI subResource(String lineitem, String name) {
    URI u = URI.create(lineitem);
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    String scores = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + "/" + name;
    return URI.create(
        u.getScheme()
            + "://"
            + u.getRawAuthority()
            + scores
            + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
  }

  /** Gives failed deliveries a new round of attempts. */
  public int retryFailed() {
    return rows.reopenFailed();
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
