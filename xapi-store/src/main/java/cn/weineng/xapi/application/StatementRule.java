package cn.weineng.xapi.application;

import cn.weineng.xapi.domain.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A rule the host adds to statement validation, such as an xAPI Profile's: every CDI bean of this
 * type is asked about every statement (already valid xAPI) before a batch is stored, and a
 * violation refuses the whole batch with 400, like any other.
 */
public interface StatementRule {

  /**
   * @param statement a statement that is valid xAPI
   * @param path where it is in the request ({@code statement} or {@code statements[3]})
   * @return the violations, with paths below {@code path}; empty when it keeps the rule
   */
  List<Violation> check(JsonNode statement, String path);
}
