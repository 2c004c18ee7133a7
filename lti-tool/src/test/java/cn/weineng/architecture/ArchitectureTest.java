package cn.weineng.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The invariants of ARCHITECTURE.md, executable: a wrong import fails the build instead of waiting
 * for a review. Runs over every Weineng class on the test class path: the application, the LRS, the
 * policy SPI and the six policy plugins.
 */
class ArchitectureTest {

  static JavaClasses classes;

  /** The application's capability packages (ARCHITECTURE.md, codemap). */
  static final String[] CAPABILITIES = {
    "cn.weineng.launch..",
    "cn.weineng.catalogue..",
    "cn.weineng.evidence..",
    "cn.weineng.services..",
    "cn.weineng.platform..",
    "cn.weineng.admin..",
    "cn.weineng.common..",
    "cn.weineng.ledger..",
    "cn.weineng.people..",
    "cn.weineng.organisation..",
    "cn.weineng.reports.."
  };

  static String[] plus(String... more) {
    String[] out = java.util.Arrays.copyOf(CAPABILITIES, CAPABILITIES.length + more.length);
    System.arraycopy(more, 0, out, CAPABILITIES.length, more.length);
    return out;
  }

  @BeforeAll
  static void load() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.weineng");
  }

  @Test
  void theLrsKnowsNothingOfTheApplicationOrThePolicies() {
    noClasses()
        .that()
        .resideInAPackage("cn.weineng.xapi..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(plus("cn.weineng.policy.."))
        .check(classes);
  }

  @Test
  void aPolicyPluginSeesOnlyThePolicyApi() {
    noClasses()
        .that()
        .resideInAPackage("cn.weineng.policy..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            plus(
                "cn.weineng.xapi..",
                "cn.weineng.api..",
                "jakarta..",
                "com.fasterxml..",
                "org.eclipse.."))
        .check(classes);
  }

  @Test
  void noPluginDependsOnAnotherPlugin() {
    for (String plugin :
        new String[] {"national", "beihai", "fuyu", "yueyang", "jiangxi", "smartschool"}) {
      noClasses()
          .that()
          .resideInAPackage("cn.weineng.policy." + plugin + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              java.util.Arrays.stream(
                      new String[] {
                        "national", "beihai", "fuyu", "yueyang", "jiangxi", "smartschool"
                      })
                  .filter(p -> !p.equals(plugin))
                  .map(p -> "cn.weineng.policy." + p + "..")
                  .toArray(String[]::new))
          .check(classes);
    }
  }

  @Test
  void domainImportsNeitherInterfacesNorInfrastructure() {
    noClasses()
        .that()
        .resideInAPackage("..domain..")
        .should()
        .dependOnClassesThat()
        // the application's own layers (java.security.interfaces is the JDK's, not a layer)
        .resideInAnyPackage("cn.weineng..interfaces..", "cn.weineng..infrastructure..")
        .check(classes);
  }

  @Test
  void noJaxRsTypeBelowInterfaces() {
    noClasses()
        .that()
        .resideOutsideOfPackages("..interfaces..", "cn.weineng.api..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("jakarta.ws.rs..")
        .check(classes);
  }

  @Test
  void theApplicationReadsTheLrsThroughItsApplicationInterfaceOnly() {
    noClasses()
        .that()
        .resideInAnyPackage(CAPABILITIES)
        // the JAX-RS application is where the deployment mounts the LRS's resources
        .and()
        .doNotHaveFullyQualifiedName("cn.weineng.common.interfaces.rest.WeinengApplication")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "cn.weineng.xapi.infrastructure..",
            "cn.weineng.xapi.interfaces..",
            "cn.weineng.xapi.application.internal..")
        .check(classes);
  }

  @Test
  void noCapabilityReachesIntoAnothersRestEdge() {
    noClasses()
        .that()
        .resideInAnyPackage("..application..", "..domain..", "..infrastructure..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("cn.weineng..interfaces..")
        .check(classes);
  }

  @Test
  void everyApplicationClassLivesInACapability() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
        .that()
        .resideInAPackage("cn.weineng..")
        .and()
        .resideOutsideOfPackages("cn.weineng.xapi..", "cn.weineng.policy..", "cn.weineng.api..")
        .should()
        .resideInAnyPackage(CAPABILITIES)
        .check(classes);
  }

  @Test
  void theGeneratedRestModelStaysAtTheEdge() {
    noClasses()
        .that()
        .resideOutsideOfPackages("..interfaces..", "cn.weineng.api..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("cn.weineng.api.server..")
        .check(classes);
  }

  /**
   * MicroProfile Config takes an empty default for no value, and the application then fails to
   * deploy when the setting is unset (a plain start): an optional setting is an Optional.
   */
  @Test
  void noConfigPropertyHasAnEmptyDefault() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields()
        .that()
        .areAnnotatedWith(org.eclipse.microprofile.config.inject.ConfigProperty.class)
        .should(
            new com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaField>(
                "have a non-empty default or be Optional") {
              @Override
              public void check(
                  com.tngtech.archunit.core.domain.JavaField field,
                  com.tngtech.archunit.lang.ConditionEvents events) {
                String dflt =
                    field
                        .getAnnotationOfType(
                            org.eclipse.microprofile.config.inject.ConfigProperty.class)
                        .defaultValue();
                if (dflt.isEmpty()
                    && !field.getRawType().isAssignableTo(java.util.Optional.class)) {
                  events.add(
                      com.tngtech.archunit.lang.SimpleConditionEvent.violated(
                          field, field.getFullName() + " has an empty default"));
                }
              }
            })
        .check(classes);
  }
}
