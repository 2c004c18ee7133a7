package cn.weineng.xapi.domain;

/**
 * One broken rule in a request body.
 *
 * @param path where, as a JSON path from the request body, e.g. {@code statements[2].actor.mbox}
 * @param message what is wrong, in plain words
 */
public record Violation(String path, String message) {

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
