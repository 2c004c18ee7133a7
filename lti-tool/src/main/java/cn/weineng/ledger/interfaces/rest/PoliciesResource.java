package cn.weineng.ledger.interfaces.rest;

import cn.weineng.admin.interfaces.rest.AdminApi;
import cn.weineng.api.server.PoliciesApi;
import cn.weineng.api.server.model.BucketInfo;
import cn.weineng.api.server.model.PolicyInfo;
import cn.weineng.common.interfaces.rest.Locales;
import cn.weineng.ledger.application.PolicyRegistry;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/** /api/policies. */
@RequestScoped
@AdminApi
public class PoliciesResource implements PoliciesApi {

  @Inject PolicyRegistry policies;

  @Override
  public Response listPolicies(String lang) {
    Locale locale = Locales.of(lang);
    return Response.ok(
            policies.all().stream()
                .map(
                    p ->
                        new PolicyInfo()
                            .id(p.id())
                            .rulesetVersion(p.rulesetVersion())
                            .name(p.factory().displayName(locale))
                            .buckets(
                                p.factory().buckets().stream()
                                    .map(
                                        b ->
                                            new BucketInfo()
                                                .key(b)
                                                .name(p.factory().bucketName(b, locale)))
                                    .toList()))
                .toList())
        .build();
  }
}
