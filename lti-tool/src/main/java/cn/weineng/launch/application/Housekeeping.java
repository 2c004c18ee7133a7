package cn.weineng.launch.application;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Deletes launch state nobody can use any more: login states past their expiry, and used nonces
 * older than any id_token the validator still accepts. Runs on every node; the deletes are
 * idempotent.
 */
@Singleton
public class Housekeeping {

  private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

  @Inject LoginStates states;
  @Inject LaunchRefusals refusals;

  @Schedule(hour = "*", minute = "*/10", persistent = false)
  void purge() {
    int removed = states.purgeExpired() + refusals.purgeOld();
    if (removed > 0) {
      LOG.fine(() -> "purged " + removed + " used nonce(s) and old launch refusal(s)");
    }
  }
}
