package cn.weineng.organisation.interfaces.rest;

import cn.weineng.admin.interfaces.rest.AdminApi;
import cn.weineng.api.server.OrganisationApi;
import cn.weineng.api.server.model.Membership;
import cn.weineng.api.server.model.OrgGroup;
import cn.weineng.api.server.model.OrgGroupRequest;
import cn.weineng.api.server.model.OrgUnit;
import cn.weineng.api.server.model.OrgUnitRequest;
import cn.weineng.api.server.model.RosterImportResult;
import cn.weineng.api.server.model.UnitStanding;
import cn.weineng.api.server.model.UnitTally;
import cn.weineng.ledger.interfaces.rest.LedgerResource;
import cn.weineng.organisation.application.OrganisationService;
import cn.weineng.organisation.application.OrganisationStandings;
import cn.weineng.organisation.application.RosterImport;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** /api/organisations and /api/groups: the tree, its groups and roles, rosters, standings. */
@RequestScoped
@AdminApi
public class OrganisationResource implements OrganisationApi {

  @Inject OrganisationService organisations;
  @Inject RosterImport roster;
  @Inject OrganisationStandings standings;

  @Override
  public Response listUnits(String storeId, String parentId) {
    return Response.ok(
            organisations.units(storeId, parentId).stream()
                .map(OrganisationResource::toApi)
                .toList())
        .build();
  }

  @Override
  public Response createUnit(OrgUnitRequest r) {
    return Response.status(201)
        .entity(
            toApi(
                organisations.createUnit(
                    r.getStoreId(), r.getKind(), r.getName(), r.getCode(), r.getParentId())))
        .build();
  }

  @Override
  public Response getUnit(String unitId) {
    return Response.ok(toApi(organisations.unit(unitId))).build();
  }

  @Override
  public Response listGroups(String unitId) {
    return Response.ok(
            organisations.groups(unitId).stream().map(OrganisationResource::toApi).toList())
        .build();
  }

  @Override
  public Response createGroup(String unitId, OrgGroupRequest r) {
    return Response.status(201)
        .entity(toApi(organisations.createGroup(unitId, r.getKind(), r.getName())))
        .build();
  }

  @Override
  public Response listUnitRoles(String unitId) {
    organisations.unit(unitId);
    return Response.ok(
            organisations.unitRoles(unitId).stream()
                .map(m -> new Membership().learnerId(m.personId()).role(m.role()))
                .toList())
        .build();
  }

  @Override
  public Response addUnitRole(String unitId, Membership m) {
    organisations.addUnitRole(unitId, m.getLearnerId(), m.getRole());
    return Response.noContent().build();
  }

  @Override
  public Response listMembers(String groupId) {
    organisations.group(groupId);
    return Response.ok(
            organisations.members(groupId).stream()
                .map(m -> new Membership().learnerId(m.personId()).role(m.role()))
                .toList())
        .build();
  }

  @Override
  public Response addMember(String groupId, Membership m) {
    organisations.addMember(groupId, m.getLearnerId(), m.getRole());
    return Response.noContent().build();
  }

  @Override
  public Response importRoster(String unitId, String body, String policy) {
    RosterImport.Result r = roster.importCsv(unitId, body, policy);
    return Response.ok(
            new RosterImportResult()
                .rows(r.rows())
                .peopleCreated(r.peopleCreated())
                .unitsCreated(r.unitsCreated())
                .groupsCreated(r.groupsCreated())
                .memberships(r.memberships()))
        .build();
  }

  @Override
  public Response getUnitStanding(String unitId, String policy, OffsetDateTime asOf) {
    Instant at = asOf == null ? Instant.now() : asOf.toInstant();
    OrganisationStandings.Result r = standings.evaluate(unitId, policy, at);
    return Response.ok(
            new UnitStanding()
                .unitId(r.unit().id())
                .name(r.unit().name())
                .kind(r.unit().kind())
                .policyId(r.policy().id())
                .rulesetVersion(r.policy().rulesetVersion())
                .asOf(at.atOffset(ZoneOffset.UTC))
                .total(toApi(r.total()))
                .schools(r.schools().stream().map(OrganisationResource::toApi).toList())
                .rulesMet(r.rules().met())
                .requirements(
                    r.rules().requirements().stream().map(LedgerResource::requirement).toList()))
        .build();
  }

  private static UnitTally toApi(OrganisationStandings.Tally t) {
    return new UnitTally()
        .unitId(t.unitId())
        .name(t.name())
        .teachers(t.teachers())
        .participating(t.participating())
        .qualified(t.qualified())
        .participationRate(t.participationRate())
        .passRate(t.passRate())
        .achievementRate(t.achievementRate());
  }

  static OrgUnit toApi(cn.weineng.organisation.domain.OrgUnit u) {
    return new OrgUnit()
        .id(u.id())
        .storeId(u.storeId())
        .kind(u.kind())
        .name(u.name())
        .code(u.code())
        .parentId(u.parentId());
  }

  static OrgGroup toApi(cn.weineng.organisation.domain.OrgGroup g) {
    return new OrgGroup().id(g.id()).kind(g.kind()).name(g.name()).schoolId(g.schoolId());
  }
}
