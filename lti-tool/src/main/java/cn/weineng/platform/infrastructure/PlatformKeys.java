package cn.weineng.platform.infrastructure;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platforms' public keys, fetched from their JWKS URLs and cached per URL (refetched when a
 * token names an unknown key id, so platform key rotation needs no restart).
 */
@ApplicationScoped
public class PlatformKeys {

  private final ConcurrentHashMap<String, JWKSource<SecurityContext>> sources =
      new ConcurrentHashMap<>();

  public JWKSource<SecurityContext> forJwksUrl(String jwksUrl) {
    return sources.computeIfAbsent(jwksUrl, PlatformKeys::build);
  }

  private static JWKSource<SecurityContext> build(String jwksUrl) {
    try {
      URL url = URI.create(jwksUrl).toURL();
      return JWKSourceBuilder.create(url).retrying(true).build();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("JWKS URL is not a URL");
    }
  }
}
