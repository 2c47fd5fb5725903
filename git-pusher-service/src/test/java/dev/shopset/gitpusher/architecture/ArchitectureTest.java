package dev.shopset.gitpusher.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * git-pusher keeps the layering of {@link LayerRules}; and each rule fails on the violation it is
 * there for, planted in {@code architecture.planted}.
 */
class ArchitectureTest {

  static final String SERVICE = "dev.shopset.gitpusher";
  static final String PLANTED = "dev.shopset.gitpusher.architecture.planted";

  static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(SERVICE);

  static final JavaClasses PLANTED_CLASSES = new ClassFileImporter().importPackages(PLANTED);

  @TestFactory
  Stream<DynamicTest> gitPusherFollowsEveryLayerRule() {
    return LayerRules.all(SERVICE).stream()
        .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(MAIN)));
  }

  @Test
  void theMainClassesAreThere() {
    assertThat(MAIN.containPackage(SERVICE + ".domain")).isTrue();
    assertThat(MAIN.containPackage(SERVICE + ".app")).isTrue();
    assertThat(MAIN.containPackage(SERVICE + ".git")).isTrue();
  }

  @Test
  void aPlantedPackageCycleFailsTheCycleRule() {
    assertViolated(LayerRules.noPackageCycles(PLANTED + ".cycle"));
  }

  @Test
  void anAdapterUsingAnotherAdapterFailsTheAdapterRule() {
    assertViolated(LayerRules.adaptersDoNotKnowEachOther(PLANTED));
  }

  @Test
  void aDomainClassUsingJGitFailsTheDomainRule() {
    assertViolated(LayerRules.domainIsPure(PLANTED));
  }

  @Test
  void anApplicationClassUsingAnAdapterFailsTheApplicationRule() {
    assertViolated(LayerRules.applicationLayerKnowsOnlyTheDomain(PLANTED));
  }

  static void assertViolated(ArchRule rule) {
    assertThat(rule.evaluate(PLANTED_CLASSES).hasViolation())
        .as("%s is violated by the planted classes", rule.getDescription())
        .isTrue();
  }
}
