package cn.weineng.xapi.application;

import cn.weineng.xapi.domain.XapiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many LRS writes (statements, documents) a node works on at once. A burst beyond that waits a
 * moment for a turn and then, rather than queueing until clients time out or the database pool runs
 * dry, is answered 429 with {@code Retry-After}: nothing of a refused request is stored, and the
 * client sends it again (README, "Sending statements").
 */
@ApplicationScoped
public class IngestGate {

  @Inject
  @ConfigProperty(name = "weineng.limits.lrs-concurrent-writes", defaultValue = "16")
  int permits;

  @Inject
  @ConfigProperty(name = "weineng.limits.lrs-write-wait-ms", defaultValue = "2000")
  long waitMillis;

  private Semaphore turns;

  @PostConstruct
  void init() {
    turns = new Semaphore(Math.max(1, permits), true);
  }

  /** Runs a write when its turn comes within the wait, or refuses it with 429. */
  public <T> T write(Supplier<T> work) {
    boolean got;
    try {
      got = turns.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      got = false;
    }
    if (!got) {
      throw XapiException.tooMany(
          "the LRS is taking in as much as it can right now; nothing of this request was stored;"
              + " send it again after the Retry-After seconds",
          Duration.ofSeconds(1));
    }
    try {
      return work.get();
    } finally {
      turns.release();
    }
  }
}
