package cn.weineng.launch.application;

import cn.weineng.common.infrastructure.InsertIfAbsent;
import cn.weineng.common.infrastructure.PublicUrl;
import cn.weineng.launch.domain.Course;
import cn.weineng.launch.domain.Enrolment;
import cn.weineng.launch.domain.LtiClaims;
import cn.weineng.people.application.PersonDirectory;
import cn.weineng.people.domain.Person;
import cn.weineng.platform.domain.Platform;
import cn.weineng.xapi.application.LrsClient;
import cn.weineng.xapi.application.StatementService;
import cn.weineng.xapi.domain.AgentIdentifier;
import cn.weineng.xapi.domain.XapiVersion;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Records a validated launch: the person and their LTI identity, the course and enrolment, and an
 * xAPI {@code launched} statement written in-process to the platform's store, all in one
 * transaction.
 */
@ApplicationScoped
public class LaunchRecorder {

  static final String VERB_LAUNCHED = "http://adlnet.gov/expapi/verbs/launched";
  static final String LTI_EXTENSION = "https://w3id.org/weineng/xapi/extensions/lti-launch";
  private static final ObjectMapper JSON = new ObjectMapper();

  @PersistenceContext(unitName = "weineng")
  EntityManager em;

  @Inject PersonDirectory people;
  @Inject cn.weineng.people.application.Linking linking;
  @Inject InsertIfAbsent inserts;
  @Inject StatementService statements;

  @Inject PublicUrl publicUrl;

  /** What a recorded launch points at. */
  public record Recorded(String personId, String courseId, String statementId) {}

  @Transactional
  public Recorded record(Launch launch) {
    Platform platform = em.find(Platform.class, launch.platformId());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String ltiIdentity = AgentIdentifier.account(launch.issuer(), launch.subject());
    String personId = people.resolve(platform.storeId(), ltiIdentity);
    String sourcedId = teacherId(platform, launch);
    if (sourcedId != null) {
      personId = linkBySourcedId(platform.storeId(), personId, ltiIdentity, sourcedId);
    }
    Person person = em.find(Person.class, personId);
    person.launchedFrom(platform.id(), launch.subject(), launch.name());

    String courseId = null;
    if (launch.contextId() != null) {
      // first launches of a new course from a whole class at once must not collide:
      // insert-if-absent, then update
      courseId =
          UUID.nameUUIDFromBytes(
                  ("course|" + platform.id() + "|" + launch.contextId())
                      .getBytes(StandardCharsets.UTF_8))
              .toString();
      boolean created =
          inserts.insert(
              em,
              "course",
              InsertIfAbsent.row(
                  "id",
                  courseId,
                  "platform_id",
                  platform.id(),
                  "context_id",
                  launch.contextId(),
                  "created_at",
                  now),
              List.of("platform_id", "context_id"));
      if (created) {
        carryOver(platform, courseId, launch.custom().get(CONTEXT_HISTORY), now);
      }
      Course course =
          em.createNamedQuery("Course.byContext", Course.class)
              .setParameter("platform", platform.id())
              .setParameter("context", launch.contextId())
              .getSingleResult();
      course.describe(launch.contextTitle(), launch.contextLabel());
      if (launch.membershipsUrl() != null) {
        course.rosterAt(launch.membershipsUrl());
      }
      if (launch.ags() != null
          && launch.ags().lineitems() != null
          && launch
              .ags()
              .scopes()
              .contains(cn.weineng.launch.domain.LtiClaims.AGS_LINEITEM_SCOPE)) {
        course.lineItemsAt(launch.ags().lineitems());
      }
      courseId = course.id();
      String roles = String.join(" ", launch.roles());
      roles = roles.length() > 4000 ? roles.substring(0, 4000) : roles;
      inserts.insert(
          em,
          "enrolment",
          InsertIfAbsent.row(
              "course_id", courseId, "person_id", personId, "roles", roles, "last_launch_at", now),
          List.of("course_id", "person_id"));
      em.find(Enrolment.class, new Enrolment.Key(courseId, personId)).launched(roles, now);
    }

    String recordedPerson = personId;
    String recordedCourse = courseId;
    return launch
        .message()
        .when(
            opening -> {
              ObjectNode statement = launchStatement(platform, launch);
              LrsClient self = new LrsClient(platform.storeId(), base(), "weineng-lti");
              return new Recorded(
                  recordedPerson,
                  recordedCourse,
                  statements.store(self, List.of(statement), XapiVersion.V1_0_3).get(0));
            },
            // a course creator choosing content launched nothing a learner did: no statement
            choosing -> new Recorded(recordedPerson, recordedCourse, null));
  }

  /**
   * The custom parameter carrying Moodle's {@code $Context.id.history}: the contexts this course
   * was copied from, nearest first (Dynamic Registration asks for it; by hand, an admin adds {@code
   * context_history=$Context.id.history} to the tool's custom parameters).
   */
  static final String CONTEXT_HISTORY = "context_history";

  /**
   * A course copied in the LMS (a new context whose history names an earlier one) starts with the
   * earlier course's learners, so its report and roster do not begin empty; their hours and points
   * are the persons' own and follow them anyway.
   */
  private void carryOver(Platform platform, String courseId, String history, OffsetDateTime now) {
    if (history == null || history.isBlank() || history.startsWith("$")) {
      return;
    }
    for (String previous : history.split(",")) {
      String ctx = previous.strip();
      if (ctx.isEmpty() || ctx.length() > 255) {
        continue;
      }
      List<Course> earlier =
          em.createNamedQuery("Course.byContext", Course.class)
              .setParameter("platform", platform.id())
              .setParameter("context", ctx)
              .getResultList();
      if (earlier.isEmpty()) {
        continue;
      }
      for (Enrolment e :
          em.createNamedQuery("Enrolment.byCourse", Enrolment.class)
              .setParameter("course", earlier.get(0).id())
              .getResultList()) {
        if ("left".equals(e.status())) {
          continue;
        }
        inserts.insert(
            em,
            "enrolment",
            InsertIfAbsent.row(
                "course_id",
                courseId,
                "person_id",
                e.personId(),
                "roles",
                e.roles(),
                "status",
                "active"),
            List.of("course_id", "person_id"));
      }
      return; // the nearest known ancestor is enough
    }
  }

  /**
   * The institute's id of the launching teacher: {@code lis.person_sourcedid}, else the custom
   * parameter the platform's registration names as set by its admin (never any other custom
   * parameter: a teacher can set those on an activity). An unresolved substitution ({@code
   * $Person.sourcedId}, which Moodle sends as it is when it has no value) is no id.
   */
  static String teacherId(Platform platform, Launch launch) {
    if (launch.personSourcedId() != null) {
      return launch.personSourcedId();
    }
    String name = platform.teacherIdParameter();
    String v = name == null || launch.custom() == null ? null : launch.custom().get(name);
    return v == null || v.isBlank() || v.startsWith("$") ? null : v.strip();
  }

  /**
   * The platform says which of the institute's teachers this is (lis.person_sourcedid, matched
   * against the external id a roster gave): the LTI account joins that person. A sourced id no
   * person has yet becomes the launching person's.
   */
  private String linkBySourcedId(String storeId, String personId, String ifi, String sourcedId) {
    java.util.Optional<Person> holders = people.byExternalId(storeId, sourcedId);
    if (holders.isEmpty()) {
      Person me = em.find(Person.class, personId);
      if (me.externalId() == null) {
        me.identifyAs(sourcedId);
      }
      return personId;
    }
    String holder = holders.get().id();
    Person me = em.find(Person.class, personId);
    if (!holder.equals(personId) && me.externalId() != null) {
      // the account already belongs to another of the institute's teachers: only an admin moves it
      return personId;
    }
    if (!holder.equals(personId)) {
      if (cn.weineng.ledger.application.StandingService.rebuilding(em, storeId)) {
        // links move ledger rows, which a rebuild is rewriting: this launch goes on as the
        // account's
        // own person, and the next launch after the rebuild links it
        return personId;
      }
      linking.linkInTx(holder, ifi);
    }
    return holder;
  }

  /**
   * The launch as xAPI: actor {@code account{homePage: issuer, name: sub}} (no name, no email: the
   * LRS keeps no more personal data than it needs), verb launched, the resource link as the
   * activity, the course as the parent context activity and the LTI identifiers in a context
   * extension.
   */
  ObjectNode launchStatement(Platform platform, Launch launch) {
    ObjectNode s = JSON.createObjectNode();
    ObjectNode actor = s.putObject("actor");
    actor.put("objectType", "Agent");
    ObjectNode account = actor.putObject("account");
    account.put("homePage", launch.issuer());
    account.put("name", launch.subject());

    ObjectNode verb = s.putObject("verb");
    verb.put("id", VERB_LAUNCHED);
    verb.putObject("display").put("en-US", "launched").put("zh-CN", "启动");

    ObjectNode object = s.putObject("object");
    object.put("objectType", "Activity");
    object.put("id", activityIri(platform, "resource-link", launch.resourceLinkId()));
    ObjectNode definition = object.putObject("definition");
    definition.put("type", "http://adlnet.gov/expapi/activities/link");
    if (launch.resourceLinkTitle() != null) {
      definition.putObject("name").put("und", launch.resourceLinkTitle());
    }

    ObjectNode context = s.putObject("context");
    context.put(
        "platform",
        launch.productFamily() == null ? "LTI 1.3" : launch.productFamily() + " (LTI 1.3)");
    if (launch.locale() != null && launch.locale().matches("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")) {
      context.put("language", launch.locale());
    }
    if (launch.contextId() != null) {
      ArrayNode parent = context.putObject("contextActivities").putArray("parent");
      ObjectNode course = parent.addObject();
      course.put("id", activityIri(platform, "context", launch.contextId()));
      ObjectNode cdef = course.putObject("definition");
      cdef.put("type", "http://adlnet.gov/expapi/activities/course");
      if (launch.contextTitle() != null) {
        cdef.putObject("name").put("und", launch.contextTitle());
      }
    }
    ObjectNode lti = context.putObject("extensions").putObject(LTI_EXTENSION);
    lti.put("issuer", launch.issuer());
    lti.put("deployment_id", launch.deploymentId());
    lti.put("message_type", LtiClaims.RESOURCE_LINK_REQUEST);
    lti.put("resource_link_id", launch.resourceLinkId());
    if (launch.contextId() != null) {
      lti.put("context_id", launch.contextId());
    }
    ArrayNode roles = lti.putArray("roles");
    launch.roles().forEach(roles::add);
    return s;
  }

  private String activityIri(Platform platform, String kind, String id) {
    return base()
        + "/activities/lti/"
        + platform.id()
        + "/"
        + kind
        + "/"
        + URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  private String base() {
    return publicUrl.base();
  }
}
