package cn.weineng.launch.application;

/**
 * The kinds of LTI message a launch can be, each with the claims of its kind (LTI Core 1.3 §5, Deep
 * Linking 2.0 §4.4), and with the service claims every kind may carry (AGS endpoint, NRPS
 * memberships) kept rather than dropped. {@link LaunchValidator} verifies every kind's id_token the
 * same way and builds the one its {@code message_type} names; code that treats them differently
 * goes through {@link #when}, which names every kind, so a new kind cannot be forgotten (Java 17
 * has no pattern switch yet).
 */
public sealed interface LtiMessage {

  /** The services the platform offers with this message. */
  Services services();

  /** One answer per kind of message. */
  default <T> T when(
      java.util.function.Function<ResourceLinkRequest, T> opening,
      java.util.function.Function<DeepLinkingRequest, T> choosing) {
    if (this instanceof ResourceLinkRequest r) {
      return opening.apply(r);
    }
    return choosing.apply((DeepLinkingRequest) this);
  }

  /**
   * {@code LtiResourceLinkRequest}: a learner or teacher opens a placed link.
   *
   * @param resourceLinkId the link's id (required)
   * @param resourceLinkTitle its title, or null
   */
  record ResourceLinkRequest(String resourceLinkId, String resourceLinkTitle, Services services)
      implements LtiMessage {}

  /**
   * {@code LtiDeepLinkingRequest}: a course creator chooses content to place.
   *
   * @param settings the deep linking settings claim (return URL, accepted types, data)
   */
  record DeepLinkingRequest(Launch.DeepLinking settings, Services services) implements LtiMessage {}

  /**
   * The service claims of a message.
   *
   * @param ags the Assignment and Grade Services endpoint claim, or null
   * @param membershipsUrl the Names and Role Provisioning memberships URL, or null
   */
  record Services(Launch.Ags ags, String membershipsUrl) {}
}
