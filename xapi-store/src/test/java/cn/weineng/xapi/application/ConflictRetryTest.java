package cn.weineng.xapi.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConflictRetryTest {

  private static RuntimeException wrapped(String sqlState) {
    return new IllegalStateException(
        "commit failed", new RuntimeException(new SQLException("x", sqlState)));
  }

  @Test
  void retriesALostUniqueKeyRaceAndReturnsTheLaterResult() {
    AtomicInteger calls = new AtomicInteger();
    String r =
        ConflictRetry.run(
            "test",
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw wrapped("23505");
              }
              return "ok";
            });
    assertThat(r).isEqualTo("ok");
    assertThat(calls).hasValue(2);
  }

  @Test
  void passesOtherFailuresOnAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                ConflictRetry.run(
                    "test",
                    () -> {
                      calls.incrementAndGet();
                      throw wrapped("22001");
                    }))
        .hasMessage("commit failed");
    assertThat(calls).hasValue(1);
  }

  @Test
  void givesUpAfterThreeAttempts() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                ConflictRetry.run(
                    "test",
                    () -> {
                      calls.incrementAndGet();
                      throw wrapped("40001");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(calls).hasValue(3);
  }
}
