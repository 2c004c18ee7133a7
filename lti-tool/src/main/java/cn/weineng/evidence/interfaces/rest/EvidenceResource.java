package cn.weineng.evidence.interfaces.rest;

import cn.weineng.admin.interfaces.rest.AdminApi;
import cn.weineng.api.server.EvidenceApi;
import cn.weineng.api.server.model.EvidenceItemProgress;
import cn.weineng.api.server.model.EvidenceSubmission;
import cn.weineng.api.server.model.OverrideInfo;
import cn.weineng.api.server.model.OverrideRequest;
import cn.weineng.api.server.model.PointProgress;
import cn.weineng.api.server.model.PointRange;
import cn.weineng.api.server.model.PointRangeRequest;
import cn.weineng.api.server.model.PointSelectionRequest;
import cn.weineng.api.server.model.PointStanding;
import cn.weineng.api.server.model.PromotionRequest;
import cn.weineng.api.server.model.PromotionStageInfo;
import cn.weineng.api.server.model.QueuedSubmission;
import cn.weineng.api.server.model.Review;
import cn.weineng.api.server.model.ReviewQueue;
import cn.weineng.api.server.model.ReviewQueueGroup;
import cn.weineng.api.server.model.ReviewRequest;
import cn.weineng.common.domain.Problem;
import cn.weineng.evidence.application.EvidenceService;
import cn.weineng.evidence.application.PointStandings;
import cn.weineng.evidence.domain.ReviewEntity;
import cn.weineng.evidence.domain.Submission;
import cn.weineng.ledger.interfaces.rest.LedgerResource;
import cn.weineng.people.domain.Person;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/** Ranges, selections, evidence, reviews, promotion, overrides and review queues. */
@RequestScoped
@AdminApi
public class EvidenceResource implements EvidenceApi {

  @Inject EvidenceService evidence;
  @Inject PointStandings pointStandings;
  @Inject cn.weineng.ledger.application.StandingService standings;

  @Context HttpHeaders headers;

  @Override
  public Response getPointRange(String unitId) {
    return Response.ok(
            toApi(
                evidence
                    .range(unitId)
                    .orElseThrow(() -> Problem.notFound("circled range of unit", unitId))))
        .build();
  }

  @Override
  public Response setPointRange(String unitId, PointRangeRequest r) {
    return Response.ok(toApi(evidence.circle(unitId, r.getFrameworkId(), r.getCodes()))).build();
  }

  @Override
  public Response getPointStanding(String learnerId, String policy) {
    Person person = standings.person(learnerId);
    return Response.ok(toApi(pointStandings.of(person, standings.policyFor(person, policy))))
        .build();
  }

  @Override
  public Response selectPoints(String learnerId, PointSelectionRequest r, String policy) {
    return Response.ok(toApi(evidence.select(learnerId, r.getCodes(), policy))).build();
  }

  @Override
  public Response submitEvidence(
      String learnerId,
      String code,
      String item,
      InputStream body,
      String filename,
      Integer durationSeconds) {
    String type = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
    Submission s = evidence.submit(learnerId, code, item, body, type, filename, durationSeconds);
    return Response.created(URI.create("/api/evidence/" + s.id())).entity(toApi(s)).build();
  }

  @Override
  public Response getSubmission(String submissionId) {
    return Response.ok(toApi(evidence.submission(submissionId))).build();
  }

  @Override
  public Response getSubmissionContent(String submissionId) {
    Submission s = evidence.submission(submissionId);
    if (!evidence.hasContent(s)) {
      throw new cn.weineng.common.domain.Problem(
          410, "content-erased", "Content erased", "the file of this submission was erased");
    }
    StreamingOutput out = o -> evidence.copyContent(s, o);
    String name = s.filename() == null ? s.item() : s.filename();
    return Response.ok(out, s.contentType())
        .header(HttpHeaders.CONTENT_LENGTH, s.length())
        .header(
            "Content-Disposition",
            "attachment; filename*=UTF-8''"
                + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20"))
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }

  @Override
  public Response reviewSubmission(String submissionId, ReviewRequest r) {
    ReviewEntity review =
        evidence.review(submissionId, r.getReviewerId(), r.getLevel().value(), r.getComment());
    return Response.created(URI.create("/api/evidence/" + submissionId))
        .entity(toApi(review))
        .build();
  }

  @Override
  public Response promoteSubmission(String submissionId, PromotionRequest r) {
    return Response.ok(
            toApi(evidence.promote(submissionId, r.getPromoterId(), r.getStage(), r.getComment())))
        .build();
  }

  @Override
  public Response overridePoint(String learnerId, String code, OverrideRequest r, String policy) {
    return Response.ok(
            toApi(
                evidence.override(
                    learnerId,
                    code,
                    r.getResult() == null ? null : r.getResult().value(),
                    r.getNote(),
                    policy)))
        .build();
  }

  @Override
  public Response getReviewQueue(String personId) {
    ReviewQueue q = new ReviewQueue().reviewerId(personId).groups(new java.util.ArrayList<>());
    for (EvidenceService.QueueGroup g : evidence.queue(personId)) {
      q.addGroupsItem(
          new ReviewQueueGroup()
              .kind(g.where().kind())
              .id(g.where().id())
              .name(g.where().name())
              .role(g.where().role())
              .waiting(
                  g.waiting().stream()
                      .map(
                          s ->
                              new QueuedSubmission()
                                  .submissionId(s.id())
                                  .learnerId(s.personId())
                                  .learnerName(standings.person(s.personId()).displayName())
                                  .code(s.code())
                                  .item(s.item())
                                  .submittedAt(s.submittedAt())
                                  .attempt(s.attempt()))
                      .toList()));
    }
    return Response.ok(q).build();
  }

  // ---- mapping ----------------------------------------------------------------------------------

  private static PointRange toApi(EvidenceService.Range r) {
    return new PointRange()
        .unitId(r.schoolId())
        .frameworkId(r.frameworkId())
        .codes(r.codes())
        .circledAt(r.circledAt());
  }

  private EvidenceSubmission toApi(Submission s) {
    List<ReviewEntity> reviews = evidence.reviews(List.of(s.id()));
    return new EvidenceSubmission()
        .id(s.id())
        .learnerId(s.personId())
        .frameworkId(s.frameworkId())
        .code(s.code())
        .item(s.item())
        .filename(s.filename())
        .contentType(s.contentType())
        .length(s.length())
        .sha256(s.sha256())
        .durationSeconds(s.durationSeconds())
        .submittedAt(s.submittedAt())
        .attempt(s.attempt())
        .status(EvidenceSubmission.StatusEnum.fromValue(s.status()))
        .statementId(s.statementId())
        .stage(s.stage())
        .reviews(reviews.stream().map(EvidenceResource::toApi).toList());
  }

  private static Review toApi(ReviewEntity r) {
    return new Review()
        .id(r.id())
        .submissionId(r.submissionId())
        .reviewerId(r.reviewerId())
        .role(r.role())
        .level(r.level())
        .comment(r.comment())
        .decidedAt(r.decidedAt())
        .statementId(r.statementId());
  }

  private static PointStanding toApi(PointStandings.View v) {
    PointStanding out =
        new PointStanding()
            .learnerId(v.person().id())
            .policyId(v.policy().id())
            .rulesetVersion(v.policy().rulesetVersion())
            .schoolId(v.person().schoolId())
            .range(v.range() == null ? null : toApi(v.range()))
            .selection(v.selection().stream().map(LedgerResource::requirement).toList())
            .valid(v.valid())
            .certified(v.certified())
            .reviewerRoles(v.policy().policy().reviewerRoles().stream().sorted().toList())
            .evidenceModes(v.policy().policy().evidenceModes().stream().sorted().toList())
            .points(v.points().stream().map(EvidenceResource::toApi).toList());
    if (!v.policy().policy().promotionStages().isEmpty()) {
      out.promotionStages(
          v.policy().policy().promotionStages().stream()
              .map(
                  s ->
                      new PromotionStageInfo()
                          .key(s.key())
                          .name(s.name().in(Locale.SIMPLIFIED_CHINESE))
                          .roles(s.roles().stream().sorted().toList()))
              .toList());
    }
    return out;
  }

  private static PointProgress toApi(PointStandings.PointView p) {
    PointProgress out =
        new PointProgress()
            .code(p.point().code())
            .name(p.point().name())
            .environment(p.point().environment())
            .dimension(p.point().dimension())
            .result(PointProgress.ResultEnum.fromValue(p.result().key()))
            .byDataRule(p.byDataRule())
            .needs(p.needsZh())
            .needsEn(p.needsEn())
            .items(
                p.items().stream()
                    .map(
                        i ->
                            new EvidenceItemProgress()
                                .key(i.spec().key())
                                .name(i.spec().name())
                                .status(EvidenceItemProgress.StatusEnum.fromValue(i.status().key()))
                                .submissionId(i.latest() == null ? null : i.latest().id())
                                .attempt(i.latest() == null ? null : i.latest().attempt())
                                .comment(i.comment()))
                    .toList());
    if (p.override() != null) {
      out.override(
          new OverrideInfo()
              .result(p.override().result())
              .note(p.override().note())
              .by(p.override().by())
              .at(p.override().at()));
    }
    return out;
  }
}
