package dev.shopset.shopctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.resources.ShopSet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code shopctl diff -f FILE}: both sides rendered through the preview endpoint, the diff of their
 * files printed, nothing written to the cluster.
 */
class DiffIT {

  static ApiFixture api;
  static PreviewServer renderer;

  @BeforeAll
  static void seed() throws Exception {
    api = new ApiFixture();
    renderer = new PreviewServer();
    api.namespace("shops-eu");
    api.tier("dev", 0, null, false);
    api.configuration("shops-eu", "shop-defaults");
    api.shopSet("shops-eu", "eu-small", "dev", null, "berlin", "hamburg");
  }

  @AfterAll
  static void stop() {
    renderer.close();
    api.close();
  }

  static Path file(String yaml) throws Exception {
    Path file = Files.createTempFile("shopset", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  static final String EU_SMALL =
      """
      apiVersion: shopset.dev/v1alpha1
      kind: ShopSet
      metadata:
        name: eu-small
        namespace: shops-eu
      spec:
        tier: dev
        configuration: shop-defaults
        shops: [berlin, hamburg%s]
      %s\
      """;

  @Test
  void anAddedShopAndMaintenanceShowAsAUnifiedDiffOfTheOverlayAndExit1() throws Exception {
    Path changed = file(EU_SMALL.formatted(", vienna", "  maintenance: true\n"));
    long before = api.get("shops-eu", "eu-small").getMetadata().getGeneration();
    ApiFixture.Result r = api.run("diff", "-f", changed.toString(), "--renderer", renderer.url());
    assertThat(r.exit()).as(r.err()).isEqualTo(Exit.FAILED);
    assertThat(r.out())
        .startsWith("--- a/shopsets/shops-eu/eu-small/")
        .contains("+++ b/shopsets/shops-eu/eu-small/")
        .containsPattern("(?m)^\\+.*vienna")
        .containsPattern("(?m)^\\+.*SHOPSET_MAINTENANCE")
        .doesNotContain("--- a/apps/project.yaml");
    assertThat(r.out())
        .contains("\n-  - \"SHOPSET_SHOPS=berlin,hamburg\"\n")
        .contains("\n+  - \"SHOPSET_SHOPS=berlin,hamburg,vienna\"\n");
    assertThat(api.get("shops-eu", "eu-small").getMetadata().getGeneration()).isEqualTo(before);
  }

  @Test
  void theSameShopSetHasNoDiffAndExits0() throws Exception {
    ApiFixture.Result r =
        api.run(
            "diff",
            "-f",
            file(EU_SMALL.formatted("", "")).toString(),
            "--renderer",
            renderer.url());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo("ShopSet shops-eu/eu-small: no change to its files in the system repository.\n");
  }

  @Test
  void aShopSetNotInTheClusterIsAllNewFiles() throws Exception {
    Path fresh = file(EU_SMALL.replace("eu-small", "eu-new").formatted("", ""));
    ApiFixture.Result r =
        api.run("diff", "-f", fresh.toString(), "--renderer", renderer.url(), "-o", "json");
    assertThat(r.exit()).isEqualTo(Exit.FAILED);
    assertThat(r.out()).contains("\"change\" : \"added\"").doesNotContain("\"modified\"");
    assertThat(r.out()).contains("apps/shops-eu/eu-new.yaml");
    assertThat(api.client.resources(ShopSet.class).inNamespace("shops-eu").withName("eu-new").get())
        .isNull();
  }

  @Test
  void aRefusedShopSetSaysWhyAndAnUnreachableRendererSaysWhere() throws Exception {
    Path badTier = file(EU_SMALL.replace("tier: dev", "tier: dve").formatted("", ""));
    ApiFixture.Result r = api.run("diff", "-f", badTier.toString(), "--renderer", renderer.url());
    assertThat(r.exit()).isEqualTo(Exit.NOT_FOUND);
    assertThat(r.err()).isEqualTo("shopctl: Tier dve not found; did you mean dev?\n");

    r =
        api.run(
            "diff",
            "-f",
            file(EU_SMALL.formatted("", "")).toString(),
            "--renderer",
            "http://127.0.0.1:1");
    assertThat(r.exit()).isEqualTo(Exit.UNAVAILABLE);
    assertThat(r.err())
        .startsWith("shopctl: Cannot reach the renderer at http://127.0.0.1:1/render")
        .endsWith("give its URL with --renderer or SHOPCTL_RENDERER_URL.\n");
  }
}
