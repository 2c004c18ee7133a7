package cn.weineng.services.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GradeDeliveryTest {

  @Test
  void aScoresUrlKeepsTheLineItemsQuery() {
    assertThat(
            GradeDelivery.scoresUrl(
                "https://lms.example.cn/mod/lti/services.php/2/lineitems/7/lineitem?type_id=1"))
        .hasToString(
            "https://lms.example.cn/mod/lti/services.php/2/lineitems/7/lineitem/scores?type_id=1");
    assertThat(GradeDelivery.subResource("https://lms.example.cn/li/7/", "results"))
        .hasToString("https://lms.example.cn/li/7/results");
  }

  @Test
  void onlyRequestsThePlatformCallsWrongFailAtOnce() {
    assertThat(GradeDelivery.permanent("the platform answered 400")).isTrue();
    assertThat(GradeDelivery.permanent("the platform answered 404")).isTrue();
    assertThat(GradeDelivery.permanent("the platform answered 401")).isFalse();
    assertThat(GradeDelivery.permanent("the platform answered 429")).isFalse();
    assertThat(GradeDelivery.permanent("the platform answered 503")).isFalse();
    assertThat(GradeDelivery.permanent("the platform did not answer")).isFalse();
  }
}
