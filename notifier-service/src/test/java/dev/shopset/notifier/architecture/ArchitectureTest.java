package dev.shopset.notifier.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.shopset.testkit.architecture.LayerRules;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The notifier keeps the layering of the shared {@link LayerRules} (see DESIGN.md). */
class ArchitectureTest {

  static final String SERVICE = "dev.shopset.notifier";

  static final JavaClasses MAIN = LayerRules.mainClassesOf(SERVICE);

  @TestFactory
  Stream<DynamicTest> theNotifierFollowsEveryLayerRule() {
    return LayerRules.all(SERVICE).stream()
        .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(MAIN)));
  }

  @Test
  void theMainClassesAreThere() {
    assertThat(MAIN.containPackage(SERVICE + ".domain")).isTrue();
    assertThat(MAIN.containPackage(SERVICE + ".app")).isTrue();
    assertThat(MAIN.containPackage(SERVICE + ".slack")).isTrue();
  }
}
