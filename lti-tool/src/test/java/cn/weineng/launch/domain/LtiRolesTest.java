package cn.weineng.launch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LtiRolesTest {

  static final String M = "http://purl.imsglobal.org/vocab/lis/v2/membership#";

  @Test
  void theBroadestRoleWins() {
    assertThat(LtiRoles.of(List.of(M + "Learner"))).isEqualTo(LtiRoles.TEACHER_IN_TRAINING);
    assertThat(LtiRoles.of(List.of(M + "Learner", M + "Instructor"))).isEqualTo(LtiRoles.REVIEWER);
    assertThat(LtiRoles.of(List.of("Instructor"))).isEqualTo(LtiRoles.REVIEWER);
    assertThat(LtiRoles.of(List.of(M + "Mentor"))).isEqualTo(LtiRoles.REVIEWER);
    assertThat(
            LtiRoles.of(
                List.of(
                    M + "Instructor",
                    "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator")))
        .isEqualTo(LtiRoles.SCHOOL_ADMIN);
    assertThat(
            LtiRoles.of(
                List.of("http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator")))
        .isEqualTo(LtiRoles.PLATFORM_ADMIN);
    assertThat(LtiRoles.of(List.of())).isEqualTo(LtiRoles.MEMBER);
    assertThat(LtiRoles.of(List.of(M + "ContentDeveloper")).mayPlaceContent()).isTrue();
    assertThat(LtiRoles.of(List.of(M + "Learner")).mayPlaceContent()).isFalse();
  }
}
