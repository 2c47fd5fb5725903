package dev.shopset.renderer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.ShopSetDesired;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random valid ShopSets (seeded, so a failure repeats): each renders to the same bytes twice, only
 * inside its own directory and Application file, and every file is YAML that reads back the values.
 */
class RenderPropertyTest {

  private static final long SEED = 20261123L;
  private static final int CASES = 300;

  @Test
  void randomShopSetsRenderDeterministicallyInsideTheirDirectory() throws Exception {
    Random random = new Random(SEED);
    ShopSetRenderer first = new ShopSetRenderer(RenderSettings.defaults());
    ShopSetRenderer second = new ShopSetRenderer(RenderSettings.defaults());
    for (int i = 0; i < CASES; i++) {
      ShopSetDesired desired = randomShopSet(random);
      String label = "case " + i + " (seed " + SEED + "): " + desired;
      RenderResult a = first.render(desired);
      RenderResult b = second.render(copy(desired));
      assertThat(bytes(b.files())).as(label).isEqualTo(bytes(a.files()));
      assertThat(b).as(label).isEqualTo(a);

      String directory = "shopsets/" + desired.namespace() + "/" + desired.name();
      assertThat(a.directory()).isEqualTo(directory);
      for (String path : a.files().keySet()) {
        assertThat(Arrays.asList(path.split("/"))).as(label).doesNotContain("..", ".", "");
        assertThat(path.equals(a.applicationFile()) || isDirectChild(path, directory))
            .as("%s writes %s", label, path)
            .isTrue();
      }
      for (Map.Entry<String, String> file : a.files().entrySet()) {
        JsonNode read = Golden.YAML.readTree(file.getValue());
        assertThat(read.isObject() || read.isArray()).as(file.getKey()).isTrue();
      }
      assertThat(a.shared()).as(label).containsOnlyKeys(RenderResult.PROJECT_FILE);
      checkEnvRoundTrip(desired, a, directory);
    }
  }

  private static void checkEnvRoundTrip(ShopSetDesired desired, RenderResult result, String dir)
      throws Exception {
    if (desired.spec().env() == null || desired.spec().env().isEmpty()) {
      return;
    }
    JsonNode data = Golden.YAML.readTree(result.files().get(dir + "/overrides.yaml")).get("data");
    for (ShopSetDesired.EnvVar var : desired.spec().env()) {
      assertThat(data.get("env-" + var.name()).asText()).isEqualTo(var.value());
    }
  }

  private static boolean isDirectChild(String path, String directory) {
    return path.startsWith(directory + "/") && path.indexOf('/', directory.length() + 1) < 0;
  }

  /** Path to the SHA-256 of the file's UTF-8 bytes: equal maps mean byte-identical files. */
  private static Map<String, String> bytes(Map<String, String> files) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(file.getValue().getBytes(StandardCharsets.UTF_8));
      out.put(file.getKey(), java.util.HexFormat.of().formatHex(digest));
    }
    return out;
  }

  private static ShopSetDesired copy(ShopSetDesired desired) {
    return Golden.YAML.convertValue(Golden.YAML.valueToTree(desired), ShopSetDesired.class);
  }

  static ShopSetDesired randomShopSet(Random r) {
    String tier = label(r);
    String configuration = label(r);
    List<String> shops = new ArrayList<>();
    int count = 1 + r.nextInt(r.nextInt(10) == 0 ? 200 : 8);
    for (int i = 0; shops.size() < count; i++) {
      String shop = "s" + i + "-" + label(r);
      shops.add(shop.length() > 63 ? shop.substring(0, 62) + "x" : shop);
    }
    List<ShopSetDesired.EnvVar> env = new ArrayList<>();
    for (int i = r.nextInt(4) == 0 ? r.nextInt(5) : 0; i > 0; i--) {
      env.add(new ShopSetDesired.EnvVar("VAR_" + i + "_" + r.nextInt(1000), text(r)));
    }
    ShopSetDesired.Quantities requests =
        r.nextBoolean() ? new ShopSetDesired.Quantities(r.nextInt(2000) + "m", null) : null;
    ShopSetDesired.Quantities limits =
        r.nextBoolean() ? new ShopSetDesired.Quantities("2", (64 + r.nextInt(4096)) + "Mi") : null;
    List<String> zones = r.nextBoolean() ? List.of("zone-a", "zone-" + r.nextInt(9)) : null;
    List<String> clusters = r.nextBoolean() ? List.of(label(r), label(r) + ".x") : List.of();
    String cluster = clusters.isEmpty() || r.nextBoolean() ? null : clusters.get(r.nextInt(2));
    ShopSetDesired.Spec spec =
        new ShopSetDesired.Spec(
            tier,
            configuration,
            shops,
            r.nextBoolean() ? r.nextInt(1001) : null,
            requests == null && limits == null
                ? null
                : new ShopSetDesired.Resources(requests, limits),
            env.isEmpty() ? null : env,
            r.nextBoolean() ? r.nextBoolean() : null,
            zones == null && r.nextBoolean()
                ? null
                : new ShopSetDesired.FailureDomain(zones, cluster),
            r.nextBoolean() ? r.nextBoolean() : null,
            null);
    Map<String, String> annotations = new TreeMap<>();
    if (r.nextBoolean()) {
      annotations.put("shopset.dev/slack-channel", "#" + label(r));
    }
    return new ShopSetDesired(
        label(r),
        "n" + label(r).substring(1),
        r.nextInt(1000),
        new TreeMap<>(annotations),
        spec,
        new ShopSetDesired.TierState(
            tier,
            r.nextInt(3),
            r.nextBoolean() ? tier : "release/" + tier,
            new ShopSetDesired.Repository("https://git.example.com/" + label(r) + ".git", path(r)),
            new ShopSetDesired.Repository("ssh://git@git.example.com/system.git", null),
            null,
            clusters,
            r.nextBoolean()),
        new ShopSetDesired.ConfigurationState(
            configuration,
            new ShopSetDesired.Repository("git@git.example.com:" + label(r) + ".git", path(r))));
  }

  private static String label(Random r) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    int length = 1 + r.nextInt(r.nextInt(8) == 0 ? 63 : 12);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      boolean edge = i == 0 || i == length - 1;
      s.append(!edge && r.nextInt(6) == 0 ? '-' : alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  private static String path(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> null;
      case 1 -> "";
      case 2 -> label(r);
      default -> label(r) + "/" + label(r) + "_x.d/";
    };
  }

  /** Values that are hard to write as YAML: quotes, colons, newlines, unicode, look-alikes. */
  private static String text(Random r) {
    String[] pieces = {
      "true", "null", "1e3", ": ", " #", "\"", "'", "\\", "\n", "\t", "ü", "😀", "- ", "{", "}",
      "[", "]", "&a", "*a", "!t", "%", "@", "`", "|", ">", "\u2028", "\u0000", "=", ",", "x"
    };
    StringBuilder s = new StringBuilder();
    for (int i = r.nextInt(6); i > 0; i--) {
      s.append(pieces[r.nextInt(pieces.length)]);
    }
    return s.toString();
  }
}
