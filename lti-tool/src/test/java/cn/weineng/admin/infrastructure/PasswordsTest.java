package cn.weineng.admin.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

  @Test
  void verifiesTheRightPasswordOnlyAndSaltsEachHash() {
    String h = Passwords.hash("正确的密码".toCharArray());
    assertThat(h).startsWith("pbkdf2-sha256$").doesNotContain("正确的密码");
    assertThat(Passwords.verify("正确的密码".toCharArray(), h)).isTrue();
    assertThat(Passwords.verify("wrong".toCharArray(), h)).isFalse();
    assertThat(Passwords.hash("正确的密码".toCharArray())).isNotEqualTo(h);
    assertThat(Passwords.verify("x".toCharArray(), "garbage")).isFalse();
  }
}
