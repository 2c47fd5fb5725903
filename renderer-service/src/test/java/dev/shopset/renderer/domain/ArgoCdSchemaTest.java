package dev.shopset.renderer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.ShopSetDesired;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Application and AppProject the renderer writes is valid against Argo CD's own CRD schemas,
 * strictly (an unknown field is an error): the goldens' and those of many random ShopSets.
 */
class ArgoCdSchemaTest {

  /** Every expected Argo CD file of the goldens: case and path. */
  static List<String> goldenArgoFiles() {
    List<String> out = new ArrayList<>();
    for (String name : Golden.cases()) {
      for (String path : Golden.readExpected(name).keySet()) {
        if (path.startsWith("files/apps/") || path.startsWith("shared/apps/")) {
          out.add(name + ":" + path);
        }
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("goldenArgoFiles")
  void goldenApplicationsAndProjectsAreValid(String file) {
    String name = file.substring(0, file.indexOf(':'));
    String yaml = Golden.readExpected(name).get(file.substring(name.length() + 1));
    assertThat(ArgoCdSchemas.problems(yaml)).as(file).isEmpty();
  }

  @Test
  void theGoldensHoldApplicationsParkedOnesAndProjects() {
    assertThat(goldenArgoFiles())
        .contains(
            "minimal:files/apps/shops-eu/eu-web.yaml",
            "parked:files/apps/shops-eu/eu-web.yaml",
            "project:shared/apps/project.yaml");
  }

  @Test
  void randomShopSetsRenderValidApplicationsAndProjects() {
    Random random = new Random(20261201L);
    for (int i = 0; i < 300; i++) {
      ShopSetDesired desired = RenderPropertyTest.randomShopSet(random);
      RenderResult result = Golden.RENDERER.render(desired);
      String application = result.files().get(result.applicationFile());
      assertThat(ArgoCdSchemas.problems(application)).as("%s", desired).isEmpty();
      for (Map.Entry<String, String> shared : result.shared().entrySet()) {
        assertThat(ArgoCdSchemas.problems(shared.getValue())).as("%s", desired).isEmpty();
      }
    }
  }

  @Test
  void theValidationIsStrict() {
    String app = Golden.readExpected("minimal").get("files/apps/shops-eu/eu-web.yaml");
    assertThat(
            ArgoCdSchemas.problems(
                app.replace("    automated:\n", "    createNamespace: true\n    automated:\n")))
        .as("an unknown field in spec")
        .isNotEmpty();
    assertThat(
            ArgoCdSchemas.problems(
                app.replace("  namespace: argocd\n", "  namespace: argocd\n  owner: x\n")))
        .as("an unknown field in metadata")
        .isNotEmpty();
    assertThat(ArgoCdSchemas.problems(app.replace("name: shops-eu.eu-web.dev", "name: Shops_EU")))
        .as("a name that is not a DNS subdomain")
        .isNotEmpty();
    String project = Golden.readExpected("minimal").get("shared/apps/project.yaml");
    assertThat(ArgoCdSchemas.problems(project.replace("  sourceRepos:", "  sourceRepo:")))
        .as("a misspelt field of the AppProject")
        .isNotEmpty();
  }
}
