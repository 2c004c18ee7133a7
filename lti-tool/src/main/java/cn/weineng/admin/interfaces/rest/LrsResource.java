package cn.weineng.admin.interfaces.rest;

import cn.weineng.api.server.LrsApi;
import cn.weineng.api.server.model.IssuedLrsCredential;
import cn.weineng.api.server.model.LrsCredential;
import cn.weineng.api.server.model.LrsCredentialRequest;
import cn.weineng.api.server.model.Store;
import cn.weineng.common.domain.Problem;
import cn.weineng.common.infrastructure.PublicUrl;
import cn.weineng.xapi.application.CredentialService;
import cn.weineng.xapi.application.StoreService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** /api/stores and /api/lrs/credentials. */
@RequestScoped
@AdminApi
public class LrsResource implements LrsApi {

  @Inject CredentialService credentials;
  @Inject StoreService stores;

  @Inject PublicUrl publicUrl;

  @Inject cn.weineng.admin.application.AgentErasures erasures;

  @Inject
  @org.eclipse.microprofile.config.inject.ConfigProperty(
      name = "weineng.admin.username",
      defaultValue = "admin")
  String adminUsername;

  private static final com.fasterxml.jackson.databind.ObjectMapper TREES =
      new com.fasterxml.jackson.databind.ObjectMapper();

  @Override
  public Response createLrsCredential(LrsCredentialRequest r) {
    String store = r.getStoreId() == null || r.getStoreId().isBlank() ? "default" : r.getStoreId();
    if (!credentials.storeExists(store)) {
      throw Problem.invalid(
          "unknown store", List.of(new Problem.FieldError("storeId", "no store '" + store + "'")));
    }
    java.util.Set<String> scopes =
        r.getScopes() == null || r.getScopes().isEmpty()
            ? CredentialService.ALL
            : r.getScopes().stream()
                .map(LrsCredentialRequest.ScopesEnum::value)
                .collect(java.util.stream.Collectors.toSet());
    CredentialService.IssuedCredential c = credentials.create(store, r.getLabel(), scopes);
    String base = publicUrl.base() + "/";
    return Response.status(201)
        .entity(
            new IssuedLrsCredential()
                .id(c.id())
                .storeId(c.storeId())
                .key(c.key())
                .secret(c.secret())
                .label(c.label())
                .createdAt(c.createdAt())
                .endpoint(base + "xapi/")
                .scopes(sorted(c.scopes())))
        .build();
  }

  @Override
  public Response createStore(Store store) {
    if (!stores.create(store.getId(), store.getName())) {
      throw new Problem(
          409,
          "store-exists",
          "Store exists",
          "a store with id '" + store.getId() + "' already exists");
    }
    return Response.created(java.net.URI.create("/api/stores/" + store.getId()))
        .entity(store)
        .build();
  }

  @Override
  public Response listStores() {
    return Response.ok(
            stores.list().stream().map(s -> new Store().id(s.id()).name(s.name())).toList())
        .build();
  }

  @Override
  public Response listLrsCredentials() {
    return Response.ok(
            credentials.list().stream()
                .map(
                    c ->
                        new LrsCredential()
                            .id(c.id())
                            .storeId(c.storeId())
                            .key(c.key())
                            .label(c.label())
                            .createdAt(c.createdAt())
                            .revoked(c.revoked())
                            .revokedAt(c.revokedAt())
                            .scopes(sorted(c.scopes())))
                .toList())
        .build();
  }

  @Override
  public Response revokeLrsCredential(String credentialId) {
    if (!credentials.revoke(credentialId)) {
      throw Problem.notFound("credential", credentialId);
    }
    return Response.noContent().build();
  }

  /** Scopes in the order the API lists them. */
  private static List<String> sorted(java.util.Set<String> scopes) {
    return cn.weineng.xapi.application.LrsClient.SCOPES.stream().filter(scopes::contains).toList();
  }

  @Override
  public Response eraseAgent(
      String storeId, cn.weineng.api.server.model.AgentErasureRequest request) {
    cn.weineng.admin.application.AgentErasures.Result r =
        erasures.erase(
            storeId, TREES.valueToTree(request.getAgent()), adminUsername, request.getReason());
    return Response.ok(
            new cn.weineng.api.server.model.AgentErasure()
                .id(r.erasure().id())
                .storeId(storeId)
                .statements(r.erasure().statements())
                .documents(r.erasure().documents())
                .attachments(r.erasure().attachments())
                .ledgerFacts(r.ledgerFacts())
                .erasedAt(r.erasure().erasedAt()))
        .build();
  }
}
