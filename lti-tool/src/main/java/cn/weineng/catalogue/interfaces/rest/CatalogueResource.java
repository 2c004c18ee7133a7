package cn.weineng.catalogue.interfaces.rest;

import cn.weineng.admin.interfaces.rest.AdminApi;
import cn.weineng.api.server.MicroabilitiesApi;
import cn.weineng.api.server.model.DataRule;
import cn.weineng.api.server.model.EvidenceItemSpec;
import cn.weineng.api.server.model.Framework;
import cn.weineng.api.server.model.Point;
import cn.weineng.api.server.model.Rubric;
import cn.weineng.catalogue.application.CaseExport;
import cn.weineng.catalogue.application.CatalogueService;
import cn.weineng.catalogue.application.MoodleCsvExport;
import cn.weineng.catalogue.domain.Guide;
import cn.weineng.common.infrastructure.PublicUrl;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/** /api/micro-abilities/frameworks: catalogues, corrections, CASE and Moodle CSV. */
@RequestScoped
@AdminApi
public class CatalogueResource implements MicroabilitiesApi {

  @Inject CatalogueService catalogue;
  @Inject PublicUrl publicUrl;

  @Override
  public Response listFrameworks() {
    return Response.ok(catalogue.frameworks().stream().map(f -> summary(f, false)).toList())
        .build();
  }

  @Override
  public Response getFramework(String frameworkId) {
    return Response.ok(summary(catalogue.framework(frameworkId), true)).build();
  }

  @Override
  public Response correctPoint(String frameworkId, String code, Point body) {
    cn.weineng.catalogue.domain.Point p = catalogue.correct(frameworkId, code, data(body));
    return Response.ok(toApi(p)).build();
  }

  @Override
  public Response exportCase(String frameworkId) {
    cn.weineng.catalogue.domain.Framework f = catalogue.framework(frameworkId);
    List<cn.weineng.catalogue.domain.Point> points = catalogue.points(frameworkId);
    return Response.ok(
            CaseExport.cfPackage(f, points, catalogue::guide, lastChange(f), publicUrl.base()),
            MediaType.APPLICATION_JSON_TYPE)
        .build();
  }

  @Override
  public Response exportMoodleCsv(String frameworkId) {
    cn.weineng.catalogue.domain.Framework f = catalogue.framework(frameworkId);
    return Response.ok(
            MoodleCsvExport.csv(f, catalogue.points(frameworkId)), "text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"" + f.id() + "-moodle.csv\"")
        .build();
  }

  private Instant lastChange(cn.weineng.catalogue.domain.Framework f) {
    return catalogue.lastChange(f.id());
  }

  private Framework summary(cn.weineng.catalogue.domain.Framework f, boolean withPoints) {
    List<cn.weineng.catalogue.domain.Point> points = catalogue.points(f.id());
    Framework out =
        new Framework()
            .id(f.id())
            .name(f.name())
            .nameEn(f.nameEn())
            .version(f.version())
            .source(f.source())
            .basedOn(f.basedOn())
            .pointCount(points.size())
            .verifiedCount((int) points.stream().filter(p -> p.verified()).count());
    if (withPoints) {
      out.points(points.stream().map(this::toApi).toList());
    }
    return out;
  }

  private Point toApi(cn.weineng.catalogue.domain.Point p) {
    Guide g = catalogue.guide(p);
    Point out =
        new Point()
            .code(p.code())
            .name(p.name())
            .nameEn(p.nameEn())
            .environment(Point.EnvironmentEnum.fromValue(p.environment()))
            .dimension(Point.DimensionEnum.fromValue(p.dimension()))
            .verified(p.verified())
            .source(p.source())
            .relatedCode(p.relatedCode())
            .evidence(
                g.items().stream()
                    .map(
                        i ->
                            new EvidenceItemSpec()
                                .key(i.key())
                                .name(i.name())
                                .nameEn(i.nameEn())
                                .form(EvidenceItemSpec.FormEnum.fromValue(i.form()))
                                .mediaTypes(i.mediaTypes())
                                .maxBytes(i.maxBytes())
                                .maxDurationSeconds(i.maxDurationSeconds())
                                .rubric(
                                    i.rubric() == null
                                        ? null
                                        : new Rubric()
                                            .excellent(i.rubric().excellent())
                                            .pass(i.rubric().pass())
                                            .fail(i.rubric().fail())))
                    .toList());
    g.rule()
        .ifPresent(
            r ->
                out.dataRule(
                    new DataRule()
                        .verb(r.verb())
                        .activityType(r.activityType())
                        .minCount(r.minCount())
                        .minScaled(r.minScaled())));
    return out;
  }

  private static CatalogueService.PointData data(Point p) {
    List<Guide.EvidenceItem> items =
        p.getEvidence().stream()
            .map(
                i ->
                    new Guide.EvidenceItem(
                        i.getKey(),
                        i.getName(),
                        i.getNameEn(),
                        i.getForm().value(),
                        i.getMediaTypes(),
                        i.getMaxBytes(),
                        i.getMaxDurationSeconds(),
                        i.getRubric() == null
                            ? null
                            : new Guide.Rubric(
                                i.getRubric().getExcellent(),
                                i.getRubric().getPass(),
                                i.getRubric().getFail())))
            .toList();
    DataRule r = p.getDataRule();
    return new CatalogueService.PointData(
        p.getCode(),
        p.getName(),
        p.getNameEn(),
        p.getEnvironment().value(),
        p.getDimension().value(),
        Boolean.TRUE.equals(p.getVerified()),
        p.getSource(),
        p.getRelatedCode(),
        new Guide(
            items,
            r == null
                ? null
                : new Guide.DataRule(
                    r.getVerb(), r.getActivityType(), r.getMinCount(), r.getMinScaled())));
  }
}
