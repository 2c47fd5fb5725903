package dev.shopset.gitpusher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.RenderRemoval;
import dev.shopset.contracts.events.RenderResult;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RenderCheckTest {

  private static final String DIR = "shopsets/shops/eu";
  private static final String APP = "apps/shops/eu.yaml";

  private static RenderResult result(
      String directory, String app, Map<String, String> files, String submodulePath) {
    return result(directory, app, files, submodulePath, Map.of());
  }

  private static RenderResult result(
      String directory,
      String app,
      Map<String, String> files,
      String submodulePath,
      Map<String, String> shared) {
    return new RenderResult(
        "shops",
        "eu",
        1,
        "https://git.example.com/system.git",
        "dev",
        directory,
        app,
        new TreeMap<>(files),
        List.of(
            new RenderResult.Submodule(submodulePath, "https://git.example.com/app.git", "dev")),
        new TreeMap<>(shared));
  }

  @Test
  void aResultForItsOwnDirectoryApplicationAndConfigurationPasses() {
    var ok =
        result(
            DIR,
            APP,
            Map.of(DIR + "/kustomization.yaml", "x", APP, "y"),
            "config/shops/standard",
            Map.of(RenderResult.PROJECT_FILE, "kind: AppProject"));
    assertThat(RenderCheck.problem(ok)).isEmpty();
    assertThat(RenderCheck.problem(result(DIR, APP, Map.of(), "base"))).isEmpty();
    assertThat(RenderCheck.problem(new RenderRemoval("shops", "eu", "s", "dev", DIR, APP)))
        .isEmpty();
  }

  @Test
  void aResultReachingBeyondItsShopSetIsRefused() {
    // The records the system tests found: they would have deleted every overlay and .gitmodules.
    assertThat(RenderCheck.problem(result("shopsets", APP, Map.of(), "base")))
        .hasValueSatisfying(p -> assertThat(p).contains("directory must be " + DIR));
    assertThat(RenderCheck.problem(result(DIR, ".gitmodules", Map.of(), "base")))
        .hasValueSatisfying(p -> assertThat(p).contains("applicationFile must be " + APP));
    assertThat(RenderCheck.problem(result(DIR, "apps/shops-eu.yaml", Map.of(), "base")))
        .as("the old flat layout")
        .isPresent();
    assertThat(RenderCheck.problem(new RenderRemoval("shops", "eu", "s", "dev", "apps", APP)))
        .isPresent();
    assertThat(
            RenderCheck.problem(
                result(DIR, APP, Map.of("shopsets/shops/other/k.yaml", ""), "base")))
        .hasValueSatisfying(p -> assertThat(p).contains("outside"));
    assertThat(RenderCheck.problem(result(DIR, APP, Map.of(DIR + "/../other/k.yaml", ""), "base")))
        .isPresent();
    assertThat(RenderCheck.problem(result(DIR, APP, Map.of(DIR + "//k.yaml", ""), "base")))
        .isPresent();
    assertThat(RenderCheck.problem(result(DIR, APP, Map.of(), "config/../apps")))
        .hasValueSatisfying(p -> assertThat(p).contains("submodule path"));
    assertThat(RenderCheck.problem(result(DIR, APP, Map.of(), "shopsets"))).isPresent();
    assertThat(
            RenderCheck.problem(
                result(DIR, APP, Map.of(), "base", Map.of("apps/other/x.yaml", "kind: X"))))
        .hasValueSatisfying(p -> assertThat(p).contains("shared file"));
  }

  @Test
  void aConfigurationSubmoduleOfAnotherNamespaceOrTheOldLayoutIsRefused() {
    assertThat(RenderCheck.problem(result(DIR, APP, Map.of(), "config/other-tenant/standard")))
        .hasValueSatisfying(p -> assertThat(p).contains("config/shops/<configuration>"));
    assertThat(RenderCheck.problem(result(DIR, APP, Map.of(), "config/standard"))).isPresent();
    assertThat(RenderCheck.problem(result(DIR, APP, Map.of(), "config/shops/a/b"))).isPresent();
    assertThat(RenderCheck.problem(result(DIR, APP, Map.of(), "config/shops/"))).isPresent();
  }

  @Test
  void aPathGitWouldRefuseIsADeadLetterNotARetry() {
    for (String path :
        List.of(
            DIR + "/.git/config",
            DIR + "/.GIT/hooks/x",
            DIR + "/.git./x",
            DIR + "/git~1/x",
            DIR + "/a\\b.yaml",
            DIR + "/tab\there.yaml")) {
      assertThat(RenderCheck.problem(result(DIR, APP, Map.of(path, "x"), "base")))
          .as(path)
          .isPresent();
    }
    assertThat(RenderCheck.problem(result(DIR, APP, Map.of(DIR + "/.gitkeep", ""), "base")))
        .isEmpty();
  }

  @Test
  void namesMustBeLabels() {
    var dotted =
        new RenderResult(
            "shops",
            "..",
            1,
            "s",
            "dev",
            "shopsets/shops/..",
            "apps/shops/...yaml",
            new TreeMap<>(),
            List.of(),
            new TreeMap<>());
    assertThat(RenderCheck.problem(dotted))
        .hasValueSatisfying(p -> assertThat(p).contains("DNS-1123"));
  }
}
