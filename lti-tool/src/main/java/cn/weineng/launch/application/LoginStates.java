package cn.weineng.launch.application;

import cn.weineng.launch.domain.LoginState;
import cn.weineng.launch.domain.UsedNonce;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Login state and nonces in the database. Each operation commits on its own, so a consumed state
 * stays consumed even when the launch that consumed it is then refused.
 */
@ApplicationScoped
public class LoginStates {

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void save(LoginState state) {
    em.persist(state);
  }

  /** Takes a state out of the store: present once, unexpired, then gone. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<LoginState> consume(String state) {
    if (state == null || state.length() > 64) {
      return Optional.empty();
    }
    LoginState s = em.find(LoginState.class, state, LockModeType.PESSIMISTIC_WRITE);
    if (s == null) {
      return Optional.empty();
    }
    em.remove(s);
    return s.expiresAt().isAfter(OffsetDateTime.now(ZoneOffset.UTC))
        ? Optional.of(s)
        : Optional.empty();
  }

  /** Records a nonce as used; false when it was already used for this platform. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean useNonce(String platformId, String nonce) {
    if (em.find(UsedNonce.class, new UsedNonce.Key(platformId, nonce)) != null) {
      return false;
    }
    try {
      em.persist(new UsedNonce(platformId, nonce, OffsetDateTime.now(ZoneOffset.UTC)));
      em.flush();
      return true;
    } catch (PersistenceException e) {
      // another node recorded it between our read and our insert
      return false;
    }
  }

  /**
   * Deletes expired states, and nonces used longer ago than any id_token is accepted (its issue
   * time may be at most {@link LaunchValidator#MAX_AGE} old), so a deleted nonce can never be
   * replayed; called by {@link Housekeeping}.
   */
  @Transactional
  public int purgeExpired() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    int states =
        em.createQuery("delete from LoginState s where s.expiresAt < :now")
            .setParameter("now", now)
            .executeUpdate();
    int nonces =
        em.createQuery("delete from UsedNonce n where n.usedAt < :before")
            .setParameter("before", now.minus(LaunchValidator.MAX_AGE.multipliedBy(2)))
            .executeUpdate();
    return states + nonces;
  }
}
