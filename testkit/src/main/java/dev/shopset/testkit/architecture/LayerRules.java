package dev.shopset.testkit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape every ShopSet service takes, as ArchUnit rules over a service's base package: {@code
 * domain} (pure rules and port interfaces) depends on nothing but itself, the contracts and the
 * JDK; the application layer ({@code app}: loops, threads, queues, retries) on the domain only;
 * adapters ({@code git}, {@code kafka}, {@code api}, …) depend inward, never on each other; {@code
 * config} is a leaf; the base package itself is the composition root nothing depends on; no package
 * cycles. Shared by every service's ArchitectureTest; it knows no class of any service.
 */
public final class LayerRules {

  /** Pure rules and port interfaces. */
  public static final String DOMAIN = "domain";

  /** The application layer: loops, threads, queues, retries. */
  public static final String APP = "app";

  /** The configuration mapping: read by adapters and the composition root. */
  public static final String CONFIG = "config";

  /** Adapters: one per outside system. */
  public static final List<String> ADAPTERS = List.of("git", "kafka", "api", "kubernetes", "slack");

  /** The event contracts every layer may use. */
  public static final String CONTRACTS = "dev.shopset.contracts..";

  /** The JDK packages the domain may use: no files, no network. */
  public static final List<String> JDK_FOR_DOMAIN =
      List.of(
          "java.lang..",
          "java.util..",
          "java.time..",
          "java.math..",
          "java.nio.charset..",
          "java.security..",
          "javax.crypto..");

  /** Logging, which the application layer may use besides the JDK. */
  public static final String LOGGING = "org.jboss.logging..";

  private LayerRules() {}

  /** The main (not test) classes of the service under {@code base}. */
  public static JavaClasses mainClassesOf(String base) {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(base);
  }

  /** Every rule for the service under {@code base} (e.g. {@code dev.shopset.gitpusher}). */
  public static List<ArchRule> all(String base) {
    List<ArchRule> rules = new ArrayList<>();
    rules.add(domainIsPure(base));
    rules.add(applicationLayerKnowsOnlyTheDomain(base));
    rules.add(adaptersDoNotKnowEachOther(base));
    rules.add(configIsALeaf(base));
    rules.add(nothingDependsOnTheCompositionRoot(base));
    rules.add(noPackageCycles(base));
    return rules;
  }

  /** The domain uses itself, the contracts and the JDK's pure packages only. */
  public static ArchRule domainIsPure(String base) {
    List<String> allowed = new ArrayList<>(List.of(base + "." + DOMAIN + "..", CONTRACTS));
    allowed.addAll(JDK_FOR_DOMAIN);
    return noClasses()
        .that()
        .resideInAPackage(base + "." + DOMAIN + "..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(allowed.toArray(String[]::new))
        .because("the domain is pure rules and ports: no adapter, git, Kafka, HTTP or framework")
        .allowEmptyShould(true);
  }

  /** The application layer uses the domain, the contracts, the JDK and logging only. */
  public static ArchRule applicationLayerKnowsOnlyTheDomain(String base) {
    return noClasses()
        .that()
        .resideInAPackage(base + "." + APP + "..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            base + "." + APP + "..", base + "." + DOMAIN + "..", CONTRACTS, "java..", LOGGING)
        .because("the application layer drives the domain through ports, never an adapter")
        .allowEmptyShould(true);
  }

  /** No adapter depends on another adapter. */
  public static ArchRule adaptersDoNotKnowEachOther(String base) {
    return slices()
        .matching(base + ".(" + String.join("|", ADAPTERS) + ")..")
        .namingSlices("adapter $1")
        .should()
        .notDependOnEachOther()
        .because("adapters depend only inward (domain, app, config)")
        .allowEmptyShould(true);
  }

  /** The configuration mapping depends on no other package of the service. */
  public static ArchRule configIsALeaf(String base) {
    return noClasses()
        .that()
        .resideInAPackage(base + "." + CONFIG + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(otherPackages(base, CONFIG))
        .allowEmptyShould(true);
  }

  /** Only the composition root (the base package itself) knows everything; nothing knows it. */
  public static ArchRule nothingDependsOnTheCompositionRoot(String base) {
    return noClasses()
        .that()
        .resideOutsideOfPackage(base)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(base)
        .because("the composition root wires the layers; a layer that needs it has a cycle")
        .allowEmptyShould(true);
  }

  /** No cycles between the packages of the service. */
  public static ArchRule noPackageCycles(String base) {
    return slices().matching(base + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true);
  }

  private static String[] otherPackages(String base, String except) {
    List<String> packages = new ArrayList<>(List.of(DOMAIN, APP, CONFIG));
    packages.addAll(ADAPTERS);
    return packages.stream()
        .filter(p -> !p.equals(except))
        .map(p -> base + "." + p + "..")
        .toArray(String[]::new);
  }
}
