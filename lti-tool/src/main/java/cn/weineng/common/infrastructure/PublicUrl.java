package cn.weineng.common.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The URL Weineng is reached at ({@code weineng.public-url}), without a trailing slash. */
@ApplicationScoped
public class PublicUrl {

  @Inject
  @ConfigProperty(name = "weineng.public-url", defaultValue = "http://127.0.0.1:8080")
  String configured;

  /** For a given URL, outside the container. */
  public static PublicUrl of(String url) {
    PublicUrl p = new PublicUrl();
    p.configured = url;
    return p;
  }

  public String base() {
    return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
  }
}
