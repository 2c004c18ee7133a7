package cn.weineng.catalogue.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.weineng.catalogue.domain.Framework;
import cn.weineng.catalogue.domain.Point;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shipped catalogues exported as CASE 1.0 (checked against the CFPackage schema in
 * src/test/resources/case) and as Moodle's competency CSV (checked against what tool_lpimportcsv
 * reads: fourteen columns, a framework row, parents before children).
 */
class CatalogueExportsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Schema CASE_SCHEMA = schema();

  static Schema schema() {
    try (InputStream in =
        CatalogueExportsTest.class.getResourceAsStream("/case/cfpackage-1.0.schema.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  record Loaded(Framework framework, List<Point> points) {}

  static Loaded load(String id) throws Exception {
    JsonNode doc;
    try (InputStream in =
        CatalogueExportsTest.class.getResourceAsStream("/cn/weineng/catalogue/" + id + ".json")) {
      doc = JSON.readTree(in);
    }
    Framework f =
        new Framework(
            id,
            doc.get("name").asText(),
            doc.get("nameEn").asText(),
            doc.get("version").asText(),
            doc.path("source").asText(null),
            doc.path("basedOn").asText(null),
            OffsetDateTime.of(2026, 12, 7, 0, 0, 0, 0, ZoneOffset.UTC));
    List<Point> points = new ArrayList<>();
    int i = 0;
    for (JsonNode p : doc.get("points")) {
      points.add(CatalogueService.pointOf(id, i++, CatalogueService.PointData.of(p)));
    }
    return new Loaded(f, points);
  }

  static ObjectNode exported(Loaded l) {
    CatalogueService guides = new CatalogueService();
    return CaseExport.cfPackage(
        l.framework(),
        l.points(),
        guides::guide,
        Instant.parse("2026-12-07T00:00:00Z"),
        "https://weineng.example.cn");
  }

  @Test
  void theNationalCatalogueIsAValidCasePackage() throws Exception {
    Loaded national = load("national-30");
    ObjectNode pkg = exported(national);
    List<Error> errors = CASE_SCHEMA.validate(pkg);
    assertThat(errors).as(String.valueOf(errors)).isEmpty();

    // 3 environments, 12 environment × dimension nodes, 30 points
    assertThat(pkg.get("CFItems")).hasSize(3 + 12 + 30);
    assertThat(pkg.get("CFRubrics")).hasSize(30);
    JsonNode a1 = null;
    for (JsonNode item : pkg.get("CFItems")) {
      if ("A1".equals(item.path("humanCodingScheme").asText())) {
        a1 = item;
      }
    }
    assertThat(a1).isNotNull();
    assertThat(a1.get("uri").asText())
        .isEqualTo("https://w3id.org/weineng/micro-abilities/national-30/A1");
    assertThat(a1.get("notes").asText()).startsWith("verified");
    // every point is the child of its dimension node, every node reachable from the document
    Set<String> origins = new HashSet<>();
    for (JsonNode a : pkg.get("CFAssociations")) {
      assertThat(a.get("associationType").asText()).isEqualTo("isChildOf");
      origins.add(a.get("originNodeURI").get("uri").asText());
    }
    for (JsonNode item : pkg.get("CFItems")) {
      assertThat(origins).contains(item.get("uri").asText());
    }
    // the levels of a criterion are 优秀, 合格, 不合格
    JsonNode levels =
        pkg.get("CFRubrics").get(0).get("CFRubricCriteria").get(0).get("CFRubricCriterionLevels");
    assertThat(levels.findValuesAsText("quality")).containsExactly("优秀", "合格", "不合格");
    // the same catalogue exports the same identifiers every time
    assertThat(exported(national).get("CFItems").get(5).get("identifier"))
        .isEqualTo(pkg.get("CFItems").get(5).get("identifier"));
  }

  @Test
  void aRegionalVariantMatchesTheNationalPointsItRenumbers() throws Exception {
    Loaded hunan = load("hunan-std");
    ObjectNode pkg = exported(hunan);
    assertThat(CASE_SCHEMA.validate(pkg)).isEmpty();
    List<JsonNode> matches = new ArrayList<>();
    pkg.get("CFAssociations")
        .forEach(
            a -> {
              if (a.get("associationType").asText().equals("exactMatchOf")) {
                matches.add(a);
              }
            });
    assertThat(matches).hasSize(30);
    JsonNode first = matches.get(0);
    assertThat(first.get("destinationNodeURI").get("uri").asText())
        .isEqualTo("https://w3id.org/weineng/micro-abilities/national-30/A1");
    // the destination's identifier is the one the national package gives A1
    ObjectNode national = exported(load("national-30"));
    String a1 = null;
    for (JsonNode item : national.get("CFItems")) {
      if ("A1".equals(item.path("humanCodingScheme").asText())) {
        a1 = item.get("identifier").asText();
      }
    }
    assertThat(first.get("destinationNodeURI").get("identifier").asText()).isEqualTo(a1);
  }

  @Test
  void theSchemaRefusesWhatCaseDoesNot() throws Exception {
    ObjectNode pkg = exported(load("national-30"));
    ((ObjectNode) pkg.get("CFItems").get(0)).remove("fullStatement");
    ((ObjectNode) pkg.get("CFAssociations").get(0)).put("associationType", "isParentOf");
    ((ObjectNode) pkg.get("CFDocument")).put("identifier", "A1");
    List<Error> errors = CASE_SCHEMA.validate(pkg);
    assertThat(errors.toString())
        .contains("fullStatement")
        .contains("associationType")
        .contains("identifier");
  }

  @Test
  void theMoodleCsvIsATreeTheImporterReads() throws Exception {
    Loaded national = load("national-30");
    String csv = MoodleCsvExport.csv(national.framework(), national.points());
    List<List<String>> rows = parse(csv);
    assertThat(rows.get(0)).hasSize(14).startsWith("Parent ID number", "ID number");
    List<String> framework = rows.get(1);
    assertThat(framework.get(12)).isEqualTo("1");
    assertThat(framework.get(1)).isEqualTo("national-30");
    assertThat(framework.get(5)).isEqualTo("不合格,合格,优秀");
    JsonNode config = JSON.readTree(framework.get(6));
    assertThat(config).hasSize(4);
    assertThat(config.get(2).get("proficient").asInt()).isEqualTo(1);
    Set<String> seen = new HashSet<>();
    seen.add("");
    int points = 0;
    for (List<String> row : rows.subList(2, rows.size())) {
      assertThat(row).hasSize(14);
      assertThat(seen).as("parent before child: " + row).contains(row.get(0));
      assertThat(seen.add(row.get(1))).as("unique idnumber " + row.get(1)).isTrue();
      assertThat(row.get(2).length()).isLessThanOrEqualTo(100);
      if (row.get(1).matches("national-30-[ABC]\\d+")) {
        points++;
      }
    }
    assertThat(points).isEqualTo(30);
    assertThat(csv).contains("national-30-A1,A1 技术支持的学情分析");
  }

  /** RFC 4180, as Moodle's csv_import_reader reads it. */
  static List<List<String>> parse(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          f.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          f.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(f.toString());
        f.setLength(0);
      } else if (c == '\n') {
        row.add(f.toString());
        f.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else if (c != '\r') {
        f.append(c);
      }
    }
    return rows;
  }
}
