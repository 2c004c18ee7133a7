package cn.weineng.organisation.application;

import cn.weineng.common.domain.Problem;
import cn.weineng.common.infrastructure.InsertIfAbsent;
import cn.weineng.ledger.application.PolicyRegistry;
import cn.weineng.organisation.domain.Csv;
import cn.weineng.organisation.domain.OrgGroup;
import cn.weineng.organisation.domain.OrgUnit;
import cn.weineng.organisation.domain.Roles;
import cn.weineng.people.application.Linking;
import cn.weineng.people.application.PersonDirectory;
import cn.weineng.people.domain.Person;
import cn.weineng.people.domain.PersonIdentity;
import cn.weineng.policy.api.EvaluationContext;
import cn.weineng.policy.api.OrganisationFacts;
import cn.weineng.policy.api.OrganisationStanding;
import cn.weineng.policy.api.Requirement;
import cn.weineng.xapi.domain.AgentIdentifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Imports an institute's roster, the sheet it keeps in Excel, saved as CSV: one row per teacher (or
 * role holder) with county, school, name, 学段, 学科, class, workshop, role and the identifiers the
 * teacher is known by. The whole file is checked first; a broken row refuses the whole file, naming
 * the row and the column, and nothing is written. The organisation rules of the policy named (class
 * sizes, for instance) are checked on the result before it is kept.
 */
@ApplicationScoped
public class RosterImport {

  /** Column keys and the header words that mean them. */
  static final Map<String, List<String>> COLUMNS =
      linked(
          "county", List.of("county", "县(市区)", "县(市、区)", "县（市区）", "县（市、区）", "县市区", "区县"),
          "school", List.of("school", "学校", "工作单位", "学校名称"),
          "name", List.of("name", "姓名"),
          "segment", List.of("segment", "学段", "任教学段"),
          "subject", List.of("subject", "学科", "任教学科"),
          "class", List.of("class", "班级"),
          "workshop", List.of("workshop", "工作坊"),
          "class_school", List.of("class_school", "班级学校", "组班学校"),
          "workshop_school", List.of("workshop_school", "工作坊学校"),
          "role", List.of("role", "角色"),
          "teacher_id", List.of("teacher_id", "工号", "教师编号"),
          "lms_issuer", List.of("lms_issuer", "平台", "平台地址"),
          "lms_user_id", List.of("lms_user_id", "平台账号", "平台用户"),
          "email", List.of("email", "邮箱", "电子邮箱"));

  /** Columns an institute's sheet may carry that Weineng refuses to take. */
  static final List<String> REFUSED = List.of("身份证号码", "身份证号", "身份证", "id_number");

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject OrganisationService organisations;
  @Inject Linking linking;
  @Inject PersonDirectory directory;
  @Inject InsertIfAbsent inserts;
  @Inject PolicyRegistry policies;

  /** What an import did. */
  public record Result(
      int rows, int peopleCreated, int unitsCreated, int groupsCreated, int memberships) {}

  private record Row(int number, Map<String, String> values) {
    String get(String key) {
      String v = values.get(key);
      return v == null || v.isBlank() ? null : v.trim();
    }
  }

  @Transactional
  public Result importCsv(String unitId, String text, String policyId) {
    OrgUnit root = organisations.unit(unitId);
    PolicyRegistry.Installed policy = policyId == null ? null : policies.require(policyId);
    List<List<String>> records;
    try {
      records = Csv.parse(text == null ? "" : text);
    } catch (Csv.Malformed e) {
      throw refused(List.of(new Problem.FieldError("row " + e.line, e.getMessage())));
    }
    if (records.isEmpty()) {
      throw refused(
          List.of(new Problem.FieldError("row 1", "the file is empty; a header row is required")));
    }
    Map<Integer, String> columnAt = header(records.get(0));
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      List<String> r = records.get(i);
      Map<String, String> values = new HashMap<>();
      for (int c = 0; c < r.size(); c++) {
        String key = columnAt.get(c);
        if (key == null) {
          if (!r.get(c).isBlank()) {
            throw refused(
                List.of(
                    new Problem.FieldError(
                        "row " + (i + 1) + ", column " + (c + 1), "has a value but no header")));
          }
          continue;
        }
        values.put(key, r.get(c));
      }
      rows.add(new Row(i + 1, values));
    }
    List<Problem.FieldError> errors = new ArrayList<>();
    Set<String> schoolsNamed = new java.util.HashSet<>();
    rows.forEach(r -> schoolsNamed.add(r.get("school")));
    organisations.schoolsUnder(root).forEach(u -> schoolsNamed.add(u.name()));
    for (Row row : rows) {
      check(row, root, errors);
      for (String kind : List.of("class", "workshop")) {
        String runner = row.get(kind + "_school");
        if (runner != null && row.get(kind) == null) {
          errors.add(
              new Problem.FieldError(
                  "row " + row.number() + ", column " + kind + "_school",
                  "names the school running the " + kind + ", but the row names no " + kind));
        } else if (runner != null && !schoolsNamed.contains(runner)) {
          errors.add(
              new Problem.FieldError(
                  "row " + row.number() + ", column " + kind + "_school",
                  "'"
                      + runner
                      + "' is neither a school of this roster nor one under "
                      + root.name()));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw refused(errors);
    }

    // write, then judge the organisation rules; a refusal rolls the whole import back
    int[] created = new int[4];
    // every school first, so that a joint class can name a school of a later row
    for (Row row : rows) {
      school(row, root, created);
    }
    for (Row row : rows) {
      write(row, root, created);
    }
    em.flush();
    if (policy != null) {
      List<Problem.FieldError> broken = organisationRules(root, rows, policy);
      if (!broken.isEmpty()) {
        throw refused(broken);
      }
    }
    return new Result(rows.size(), created[0], created[1], created[2], created[3]);
  }

  private Map<Integer, String> header(List<String> header) {
    Map<Integer, String> columnAt = new HashMap<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    for (int c = 0; c < header.size(); c++) {
      String h = header.get(c).trim();
      if (h.isEmpty()) {
        continue;
      }
      if (REFUSED.contains(h)) {
        errors.add(
            new Problem.FieldError(
                "row 1, column " + h,
                "Weineng does not collect 身份证号 with a roster; remove the column"));
        continue;
      }
      String key = null;
      for (Map.Entry<String, List<String>> e : COLUMNS.entrySet()) {
        if (e.getValue().contains(h) || e.getValue().contains(h.toLowerCase(Locale.ROOT))) {
          key = e.getKey();
        }
      }
      if (key == null) {
        errors.add(
            new Problem.FieldError(
                "row 1, column " + h, "is not a roster column; known: " + COLUMNS.keySet()));
      } else if (columnAt.containsValue(key)) {
        errors.add(new Problem.FieldError("row 1, column " + h, "repeats the column " + key));
      } else {
        columnAt.put(c, key);
      }
    }
    for (String required : List.of("school", "name")) {
      if (!columnAt.containsValue(required)) {
        errors.add(
            new Problem.FieldError(
                "row 1",
                "the column " + required + " (" + COLUMNS.get(required).get(1) + ") is required"));
      }
    }
    if (!errors.isEmpty()) {
      throw refused(errors);
    }
    return columnAt;
  }

  private void check(Row row, OrgUnit root, List<Problem.FieldError> errors) {
    String where = "row " + row.number() + ", column ";
    if (row.get("school") == null && !root.kind().equals(OrgUnit.SCHOOL)) {
      errors.add(new Problem.FieldError(where + "school", "is required"));
    }
    if (row.get("name") == null) {
      errors.add(new Problem.FieldError(where + "name", "is required"));
    } else if (row.get("name").length() > 200) {
      errors.add(new Problem.FieldError(where + "name", "is longer than 200 characters"));
    }
    if (row.get("county") != null
        && !OrgUnit.CITY.equals(root.kind())
        && !OrgUnit.PROVINCE.equals(root.kind())) {
      if (!(OrgUnit.COUNTY.equals(root.kind()) && row.get("county").equals(root.name()))) {
        errors.add(
            new Problem.FieldError(
                where + "county",
                "names a county, but the import is into " + root.kind() + " " + root.name()));
      }
    }
    if (row.get("county") == null
        && (OrgUnit.CITY.equals(root.kind()) || OrgUnit.PROVINCE.equals(root.kind()))) {
      errors.add(
          new Problem.FieldError(
              where + "county", "is required when importing into a " + root.kind()));
    }
    if (row.get("segment") != null && !Roles.SEGMENTS.contains(row.get("segment"))) {
      errors.add(new Problem.FieldError(where + "segment", "must be one of " + Roles.SEGMENTS));
    }
    if (row.get("subject") != null && row.get("subject").length() > 40) {
      errors.add(new Problem.FieldError(where + "subject", "is longer than 40 characters"));
    }
    if (row.get("role") != null) {
      for (String r : row.get("role").split("[;；、/]")) {
        if (!r.isBlank() && Roles.of(r).isEmpty()) {
          errors.add(
              new Problem.FieldError(
                  where + "role",
                  "'" + r.trim() + "' is not a role (教师, 坊主, 学科专家, 辅导教师, 学校管理员, 县管理员)"));
        }
      }
    }
    if ((row.get("lms_issuer") == null) != (row.get("lms_user_id") == null)) {
      errors.add(
          new Problem.FieldError(
              where + (row.get("lms_issuer") == null ? "lms_issuer" : "lms_user_id"),
              "lms_issuer and lms_user_id go together"));
    }
    if (row.get("email") != null && !row.get("email").matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      errors.add(new Problem.FieldError(where + "email", "is not an email address"));
    }
    if (row.get("teacher_id") != null
        && cn.weineng.people.domain.IdNumbers.looksLikeOne(row.get("teacher_id"))) {
      errors.add(
          new Problem.FieldError(
              where + "teacher_id",
              "looks like a 身份证号; Weineng does not collect ID numbers: give the institute's own teacher id"));
    } else if (row.get("teacher_id") != null
        && !row.get("teacher_id").matches("[A-Za-z0-9._-]{1,100}")) {
      errors.add(
          new Problem.FieldError(
              where + "teacher_id", "must be letters, digits, '.', '_' or '-' (at most 100)"));
    }
    for (String g : List.of("class", "workshop")) {
      if (row.get(g) != null && row.get(g).length() > 200) {
        errors.add(new Problem.FieldError(where + g, "is longer than 200 characters"));
      }
    }
  }

  private void write(Row row, OrgUnit root, int[] created) {
    OrgUnit school = school(row, root, created);
    Set<String> ifis = new LinkedHashSet<>();
    if (row.get("lms_issuer") != null) {
      ifis.add(AgentIdentifier.account(row.get("lms_issuer"), row.get("lms_user_id")));
    }
    if (row.get("email") != null) {
      ifis.add("mbox:mailto:" + row.get("email").toLowerCase(Locale.ROOT));
    }
    Person person = findPerson(root.storeId(), row.get("teacher_id"), ifis);
    if (person == null) {
      String id =
          row.get("teacher_id") != null
              ? UUID.nameUUIDFromBytes(
                      ("teacher|" + root.storeId() + "|" + row.get("teacher_id"))
                          .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                  .toString()
              : !ifis.isEmpty()
                  ? PersonDirectory.derivedId(root.storeId(), ifis.iterator().next())
                  : UUID.randomUUID().toString();
      inserts.insert(
          em,
          "person",
          InsertIfAbsent.row(
              "id",
              id,
              "store_id",
              root.storeId(),
              "created_at",
              OffsetDateTime.now(ZoneOffset.UTC)),
          List.of("id"));
      em.flush();
      person = em.find(Person.class, id);
      created[0]++;
    }
    for (String ifi : ifis) {
      linking.linkInTx(person.id(), ifi);
    }
    person.nameIfUnknown(row.get("name"));
    if (row.get("teacher_id") != null) {
      person.identifyAs(row.get("teacher_id"));
    }
    person.placeAt(school.id());
    person.teach(
        row.get("segment") != null ? row.get("segment") : person.segment(),
        row.get("subject") != null ? row.get("subject") : person.subject());
    List<String> roles = new ArrayList<>();
    if (row.get("role") != null) {
      for (String r : row.get("role").split("[;；、/]")) {
        if (!r.isBlank()) {
          roles.add(Roles.of(r).orElseThrow());
        }
      }
    }
    if (roles.isEmpty()) {
      roles.add(Roles.TEACHER);
    }
    em.flush();
    for (String role : roles) {
      if (Roles.UNIT_ROLES.contains(role)) {
        OrgUnit unit =
            role.equals(Roles.SCHOOL_ADMIN) || role.equals(Roles.SCHOOL_ASSESSOR)
                ? school
                : ancestor(school, role.equals(Roles.COUNTY_ADMIN) ? OrgUnit.COUNTY : OrgUnit.CITY);
        if (unit != null) {
          organisations.addUnitRoleInTx(unit.id(), person.id(), role);
        }
        continue;
      }
      for (String kind : List.of(OrgGroup.CLASS, OrgGroup.WORKSHOP)) {
        String name = row.get(kind);
        if (name == null) {
          continue;
        }
        // a joint class or workshop (联片组班) is run by the school the row names for it
        OrgUnit runner = school;
        if (row.get(kind + "_school") != null && !row.get(kind + "_school").equals(school.name())) {
          runner =
              organisations.schoolsUnder(root).stream()
                  .filter(u -> u.name().equals(row.get(kind + "_school")))
                  .findFirst()
                  .orElse(null);
          if (runner == null) {
            throw refused(
                List.of(
                    new Problem.FieldError(
                        "row " + row.number() + ", column " + kind + "_school",
                        "names a school Weineng could not find under " + root.name())));
          }
        }
        OrgGroup g = organisations.group(runner.id(), kind, name);
        if (g == null) {
          g = organisations.createGroupInTx(runner.id(), kind, name);
          created[2]++;
        }
        if (organisations.addMemberInTx(g.id(), person.id(), role)) {
          created[3]++;
        }
      }
    }
  }

  private OrgUnit school(Row row, OrgUnit root, int[] created) {
    if (root.kind().equals(OrgUnit.SCHOOL)) {
      return root;
    }
    OrgUnit parent = root;
    if ((root.kind().equals(OrgUnit.CITY) || root.kind().equals(OrgUnit.PROVINCE))
        && row.get("county") != null) {
      OrgUnit county = organisations.childByName(root.storeId(), root.id(), row.get("county"));
      if (county == null) {
        county =
            organisations.createUnitInTx(
                root.storeId(), OrgUnit.COUNTY, row.get("county"), null, root.id());
        created[1]++;
      }
      parent = county;
    }
    OrgUnit school = organisations.childByName(root.storeId(), parent.id(), row.get("school"));
    if (school == null) {
      school =
          organisations.createUnitInTx(
              root.storeId(), OrgUnit.SCHOOL, row.get("school"), null, parent.id());
      created[1]++;
    }
    return school;
  }

  private OrgUnit ancestor(OrgUnit unit, String kind) {
    for (OrgUnit u = unit;
        u != null;
        u = u.parentId() == null ? null : em.find(OrgUnit.class, u.parentId())) {
      if (u.kind().equals(kind)) {
        return u;
      }
    }
    return null;
  }

  private Person findPerson(String store, String teacherId, Set<String> ifis) {
    if (teacherId != null) {
      java.util.Optional<Person> byId = directory.byExternalId(store, teacherId);
      if (byId.isPresent()) {
        return byId.get();
      }
    }
    for (String ifi : ifis) {
      PersonIdentity known = em.find(PersonIdentity.class, new PersonIdentity.Key(store, ifi));
      if (known != null) {
        return em.find(Person.class, known.personId());
      }
    }
    return null;
  }

  /**
   * The policy's organisation rules over the schools the import touched; the rows of each broken
   * group.
   */
  private List<Problem.FieldError> organisationRules(
      OrgUnit root, List<Row> rows, PolicyRegistry.Installed policy) {
    OrganisationFacts facts = OrganisationFactsBuilder.of(em, organisations, root);
    OrganisationStanding standing =
        policy.policy().evaluateOrganisation(facts, EvaluationContext.at(Instant.now()));
    List<Problem.FieldError> out = new ArrayList<>();
    for (Requirement r : standing.requirements()) {
      if (!r.met() && r.key().equals("organisation.class.maxSize")) {
        OrgGroup g = em.find(OrgGroup.class, r.scope().orElse(""));
        String name = g == null ? r.scope().orElse("") : g.name();
        List<Integer> at =
            rows.stream().filter(x -> name.equals(x.get("class"))).map(Row::number).toList();
        out.add(
            new Problem.FieldError(
                "rows " + at + ", column class",
                r.reason().in(Locale.SIMPLIFIED_CHINESE) + " / " + r.reason().in(Locale.ENGLISH)));
      }
    }
    return out;
  }

  private static Problem refused(List<Problem.FieldError> errors) {
    return Problem.invalid(
        "the roster was refused whole, nothing was imported: " + errors.size() + " problem(s)",
        errors);
  }

  private static Map<String, List<String>> linked(Object... kv) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<String> v = (List<String>) kv[i + 1];
      m.put((String) kv[i], v);
    }
    return m;
  }
}
