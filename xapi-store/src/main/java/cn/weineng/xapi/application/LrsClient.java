package cn.weineng.xapi.application;

/**
 * Who is writing to or reading from a store: an authenticated credential, or the application
 * itself.
 *
 * @param storeId the store the client may use (its tenant); a client never sees another store
 * @param authorityHomePage the homePage of the {@code authority} account stamped on what it stores
 * @param authorityName the name of that account (the credential's key, or {@code weineng}
 *     in-process)
 */
public record LrsClient(String storeId, String authorityHomePage, String authorityName) {}
