package dev.shopset.renderer.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The domain is pure computation: it may not touch Kafka, Kubernetes clients, git, HTTP or files.
 */
class DomainPurityTest {

  private static final JavaClasses DOMAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.shopset.renderer.domain");

  @Test
  void domainImportsNoIoLibraries() {
    noClasses()
        .that()
        .resideInAPackage("dev.shopset.renderer.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "io.smallrye.reactive.messaging..",
            "io.fabric8.kubernetes.client..",
            "org.eclipse.jgit..",
            "java.net..",
            "java.nio.file..",
            "java.io..",
            "jakarta.ws.rs..",
            "io.vertx..",
            "io.quarkus..",
            "com.slack..")
        .because("the renderer's domain is pure computation (see DESIGN.md)")
        .check(DOMAIN);
  }

  @Test
  void domainDependsOnlyOnTheJdkCoreAndTheContracts() {
    noClasses()
        .that()
        .resideInAPackage("dev.shopset.renderer.domain..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "dev.shopset.renderer.domain..",
            "dev.shopset.contracts.events..",
            "dev.shopset.contracts.resources..",
            "dev.shopset.contracts",
            "java.lang..",
            "java.util..",
            // MessageDigest: SHA-256 of names (pure computation)
            "java.security..")
        .check(DOMAIN);
  }
}
