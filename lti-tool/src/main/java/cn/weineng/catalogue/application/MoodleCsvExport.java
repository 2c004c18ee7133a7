package cn.weineng.catalogue.application;

import cn.weineng.catalogue.domain.Framework;
import cn.weineng.catalogue.domain.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * A catalogue as the CSV Moodle's competency framework importer reads ({@code
 * admin/tool/lpimportcsv}): fourteen columns by position, the framework row first, then the tree
 * environment → dimension → point (parent by ID number). The scale is 不合格, 合格, 优秀; 合格 is the
 * default and proficient, 优秀 proficient too.
 */
public final class MoodleCsvExport {

  static final List<String> HEADERS =
      List.of(
          "Parent ID number",
          "ID number",
          "Short name",
          "Description",
          "Description format",
          "Scale values",
          "Scale configuration",
          "Rule type (optional)",
          "Rule outcome (optional)",
          "Rule config (optional)",
          "Cross-referenced competency ID numbers",
          "Exported ID (optional)",
          "Is framework",
          "Taxonomy");

  static final String SCALE = "不合格,合格,优秀";

  /**
   * The scale's configuration as Moodle writes it: the first element names the scale (the importer
   * puts the id of the scale it finds or creates), then one entry per value (1-based).
   */
  static final String SCALE_CONFIG =
      "[{\"scaleid\":\"0\"},{\"id\":1,\"scaledefault\":0,\"proficient\":0},"
          + "{\"id\":2,\"scaledefault\":1,\"proficient\":1},"
          + "{\"id\":3,\"scaledefault\":0,\"proficient\":1}]";

  static final java.util.Map<String, String> ENGLISH =
      java.util.Map.of(
          "multimedia", "Multimedia teaching environment",
          "blended", "Blended learning environment",
          "smart", "Smart learning environment",
          "learner-analysis", "learner analysis",
          "instructional-design", "instructional design",
          "learning-guidance", "learning guidance",
          "assessment", "assessment");

  /** Moodle's FORMAT_PLAIN. */
  static final String PLAIN = "2";

  private MoodleCsvExport() {}

  public static String csv(Framework framework, List<Point> points) {
    StringBuilder out = new StringBuilder();
    row(out, HEADERS);
    String fw = framework.id();
    row(
        out,
        List.of(
            "",
            fw,
            shorten(framework.name()),
            framework.nameEn() + (framework.source() == null ? "" : " — " + framework.source()),
            PLAIN,
            SCALE,
            SCALE_CONFIG,
            "",
            "",
            "",
            "",
            "",
            "1",
            "domain,practice,competency"));
    for (String env : CaseExport.ENVIRONMENT_ORDER) {
      if (points.stream().noneMatch(p -> p.environment().equals(env))) {
        continue;
      }
      String envId = fw + "-" + env;
      row(out, competency("", envId, CaseExport.ENVIRONMENT_NAMES.get(env), ENGLISH.get(env)));
      for (String dim : CaseExport.DIMENSION_ORDER) {
        List<Point> here =
            points.stream()
                .filter(p -> p.environment().equals(env) && p.dimension().equals(dim))
                .toList();
        if (here.isEmpty()) {
          continue;
        }
        String dimId = envId + "-" + dim;
        row(
            out,
            competency(
                envId,
                dimId,
                CaseExport.ENVIRONMENT_NAMES.get(env) + " · " + CaseExport.DIMENSION_NAMES.get(dim),
                ENGLISH.get(env) + " · " + ENGLISH.get(dim)));
        for (Point p : here) {
          row(
              out,
              competency(
                  dimId,
                  fw + "-" + p.code(),
                  p.code() + " " + p.name(),
                  (p.nameEn() == null ? "" : p.nameEn() + ". ")
                      + (p.verified() ? "Verified" : "Not verified")
                      + (p.source() == null ? "" : ": " + p.source())
                      + ". "
                      + p.iri()));
        }
      }
    }
    return out.toString();
  }

  private static List<String> competency(
      String parent, String idnumber, String name, String description) {
    List<String> r = new ArrayList<>(HEADERS.size());
    r.add(parent);
    r.add(idnumber);
    r.add(shorten(name));
    r.add(description);
    r.add(PLAIN);
    for (int i = 5; i < 12; i++) {
      r.add("");
    }
    r.add("");
    r.add("");
    return r;
  }

  /** Moodle keeps 100 characters of a short name. */
  private static String shorten(String s) {
    return s.length() <= 100 ? s : s.substring(0, 100);
  }

  /** One RFC 4180 row: fields quoted where they hold a comma, a quote or a line break. */
  private static void row(StringBuilder out, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String f = fields.get(i);
      if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
        out.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        out.append(f);
      }
    }
    out.append("\r\n");
  }
}
