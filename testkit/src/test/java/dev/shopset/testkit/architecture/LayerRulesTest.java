package dev.shopset.testkit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link LayerRules} fails on the violation it is there for, planted in {@code
 * planted}.
 */
class LayerRulesTest {

  static final String PLANTED = "dev.shopset.testkit.architecture.planted";

  static final JavaClasses PLANTED_CLASSES = new ClassFileImporter().importPackages(PLANTED);

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
