package cn.weineng.platform.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The symmetric keys that authenticate the tool's own short-lived values (the OIDC login state, the
 * frame session token), newest first: the first signs, any verifies. {@link ToolKeys} derives them
 * from its live signing keys and sets them here whenever those change (start, each minute's
 * refresh, a rotation); a plain bean, so a launch reads them without a call through the EJB
 * container.
 */
@ApplicationScoped
public class ToolSecrets {

  private volatile List<byte[]> keys = List.of();

  void use(List<byte[]> derived) {
    keys = List.copyOf(derived);
  }

  /** The keys, newest first; never empty once the application has started. */
  public List<byte[]> keys() {
    List<byte[]> k = keys;
    if (k.isEmpty()) {
      throw new IllegalStateException("the tool's keys are not loaded yet");
    }
    return k;
  }
}
