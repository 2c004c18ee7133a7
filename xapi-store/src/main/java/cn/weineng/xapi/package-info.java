/**
 * The embedded xAPI Learning Record Store.
 *
 * <p>Layers: {@code domain} (statement rules, pure), {@code application} (use cases where
 * transactions start), {@code infrastructure.persistence} (JPA), {@code interfaces.rest} (the xAPI
 * HTTP resources). It knows nothing of LTI or policies; the application hears of stored statements
 * through the CDI event {@link cn.weineng.xapi.application.StatementsStored}.
 */
package cn.weineng.xapi;
