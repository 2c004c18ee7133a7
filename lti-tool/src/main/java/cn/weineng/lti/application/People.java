package cn.weineng.lti.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Person resolution with one retry when a concurrent request created the same identity. */
@ApplicationScoped
public class People {

  @Inject PersonDirectory directory;

  public String resolve(String storeId, String ifi) {
    try {
      return directory.resolve(storeId, ifi);
    } catch (RuntimeException first) {
      // a unique-key race surfaces at flush or at commit; the second attempt finds the winner's row
      return directory.resolve(storeId, ifi);
    }
  }
}
