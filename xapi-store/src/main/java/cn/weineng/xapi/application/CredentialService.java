package cn.weineng.xapi.application;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Basic-auth credentials of LRS clients, created by an admin. */
public interface CredentialService {

  /** A new credential; the secret is returned here once and stored only as its SHA-256. */
  IssuedCredential create(String storeId, String label);

  List<CredentialInfo> list();

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
      OffsetDateTime createdAt) {}

  /** A credential without its secret. */
  record CredentialInfo(
      String id,
      String storeId,
      String key,
      String label,
      OffsetDateTime createdAt,
      boolean revoked) {}
}
