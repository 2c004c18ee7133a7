package cn.weineng.xapi.application;

import java.util.List;
import java.util.Set;

/**
 * Who is writing to or reading from a store: an authenticated credential, or the application
 * itself.
 *
 * @param storeId the store the client may use (its tenant); a client never sees another store
 * @param authorityHomePage the homePage of the {@code authority} account stamped on what it stores
 * @param authorityName the name of that account (the credential's key, or {@code weineng}
 *     in-process)
 * @param scopes what it may do (xAPI scopes: {@link #SCOPES})
 */
public record LrsClient(
    String storeId, String authorityHomePage, String authorityName, Set<String> scopes) {

  public static final String ALL = "all";

  /** The xAPI scopes a credential can be given. */
  public static final List<String> SCOPES =
      List.of(ALL, "all/read", "statements/write", "statements/read", "state", "profile");

  /** The application itself, which may do everything in the store. */
  public LrsClient(String storeId, String authorityHomePage, String authorityName) {
    this(storeId, authorityHomePage, authorityName, Set.of(ALL));
  }

  public LrsClient {
    scopes = Set.copyOf(scopes);
  }

  /** Whether one of the scopes allows it; {@code all} allows everything. */
  public boolean may(Set<String> anyOf) {
    if (scopes.contains(ALL)) {
      return true;
    }
    for (String s : anyOf) {
      if (scopes.contains(s)) {
        return true;
      }
    }
    return false;
  }
}
