package dev.shopset.renderer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden case renders exactly its expected/ directory, byte for byte and file for file. */
class GoldenTest {

  static java.util.List<String> cases() {
    return Golden.cases();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rendersExactlyTheExpectedFiles(String name) {
    Map<String, String> actual = Golden.layout(Golden.render(name));
    if (Golden.UPDATE) {
      Golden.writeExpected(name, actual);
    }
    Map<String, String> expected = Golden.readExpected(name);
    assertThat(actual.keySet())
        .as("files of case %s (regenerate with -Dgolden.update=true)", name)
        .containsExactlyElementsOf(expected.keySet());
    actual.forEach((path, content) ->
        assertThat(content).as("%s/expected/%s", name, path).isEqualTo(expected.get(path)));
  }

  @Test
  void coversEveryOverrideTheirCombinationsDeletionMovesAndTenancy() {
    assertThat(Golden.cases())
        .contains(
            "minimal",
            "replicas",
            "resources",
            "env",
            "maintenance",
            "failure-domain",
            "suspend",
            "slack-channel",
            "repository-paths",
            "maintenance-suspend",
            "all",
            "deletion",
            "two-in-one-namespace",
            "parked",
            "project",
            "long-names");
  }
}
