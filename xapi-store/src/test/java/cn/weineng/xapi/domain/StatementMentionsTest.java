package cn.weineng.xapi.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatementMentionsTest {

  @Test
  void separatesDirectFromRelatedMentions() throws Exception {
    StatementMentions m =
        StatementMentions.of(
            new ObjectMapper()
                .readTree(
                    """
        {"actor":{"mbox":"mailto:teacher@example.cn"},
         "verb":{"id":"http://adlnet.gov/expapi/verbs/commented"},
         "object":{"objectType":"SubStatement","actor":{"mbox":"mailto:pupil@example.cn"},"verb":{"id":"http://x.cn/v"},
                   "object":{"id":"https://x.cn/lesson"},"context":{"contextActivities":{"parent":{"id":"https://x.cn/unit"}}}},
         "authority":{"objectType":"Agent","account":{"homePage":"https://weineng.cn","name":"key"}},
         "context":{"instructor":{"mbox":"mailto:expert@example.cn"},
                    "team":{"objectType":"Group","member":[{"mbox":"mailto:peer@example.cn"}]},
                    "contextActivities":{"grouping":[{"id":"https://x.cn/course"}]}}}"""));
    assertThat(m.agents)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "mbox:mailto:teacher@example.cn", List.of("direct"),
                "mbox:mailto:pupil@example.cn", List.of("related"),
                "account:https://weineng.cn|key", List.of("related"),
                "mbox:mailto:expert@example.cn", List.of("related"),
                // a team member is no match for a filter, but is recorded for an erasure
                "mbox:mailto:peer@example.cn", List.of("member")));
    assertThat(m.activities)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "https://x.cn/lesson", List.of("related"),
                "https://x.cn/unit", List.of("related"),
                "https://x.cn/course", List.of("related")));
  }

  @Test
  void countsAnAgentObjectAsDirect() throws Exception {
    StatementMentions m =
        StatementMentions.of(
            new ObjectMapper()
                .readTree(
                    "{\"actor\":{\"mbox\":\"mailto:a@b.cn\"},\"verb\":{\"id\":\"http://x.cn/v\"},\"object\":{\"objectType\":\"Agent\",\"mbox\":\"mailto:c@b.cn\"}}"));
    assertThat(m.agents).containsEntry("mbox:mailto:c@b.cn", List.of("direct"));
    assertThat(m.activities).isEmpty();
  }
}
