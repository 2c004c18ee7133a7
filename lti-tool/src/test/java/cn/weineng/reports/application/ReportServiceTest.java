package cn.weineng.reports.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportServiceTest {

  @Test
  void quotesCellsWithCommasQuotesAndLineBreaks() {
    assertThat(ReportService.cell("张晓梅")).isEqualTo("张晓梅");
    assertThat(ReportService.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(ReportService.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(ReportService.cell("two\nlines")).isEqualTo("\"two\nlines\"");
  }

  @Test
  void defusesCellsASpreadsheetWouldRunAsFormulas() {
    assertThat(ReportService.cell("=HYPERLINK(\"http://x\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
    assertThat(ReportService.cell("+1")).isEqualTo("\"'+1\"");
    assertThat(ReportService.cell("-2")).isEqualTo("\"'-2\"");
    assertThat(ReportService.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
  }
}
