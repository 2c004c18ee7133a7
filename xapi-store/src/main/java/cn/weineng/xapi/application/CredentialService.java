package cn.weineng.xapi.application;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Basic-auth credentials of LRS clients, created by an admin. */
public interface CredentialService {

  /** What a credential may do when none is named. */
  Set<String> ALL = Set.of(LrsClient.ALL);

  /**
   * A new credential with the given xAPI scopes (see {@link LrsClient#SCOPES}); the secret is
   * returned here once and stored only as its SHA-256.
   */
  IssuedCredential create(String storeId, String label, Set<String> scopes);

  List<CredentialInfo> list();

  /** Revokes a credential at once; false when there is none with this id. */
  boolean revoke(String id);

  /** The client a key and secret belong to; empty when unknown, revoked or wrong. */
  Optional<LrsClient> authenticate(String key, String secret);

  boolean storeExists(String storeId);

  /** A freshly issued credential, with its secret. */
  record IssuedCredential(
      String id,
      String storeId,
      String key,
      String secret,
      String label,
      OffsetDateTime createdAt,
      Set<String> scopes) {}

  /** A credential without its secret. */
  record CredentialInfo(
      String id,
      String storeId,
      String key,
      String label,
      OffsetDateTime createdAt,
      OffsetDateTime revokedAt,
      Set<String> scopes) {
    public boolean revoked() {
      return revokedAt != null;
    }
  }
}
