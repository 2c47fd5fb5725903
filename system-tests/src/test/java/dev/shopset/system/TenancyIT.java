package dev.shopset.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shopset.contracts.Topics;
import dev.shopset.contracts.resources.Condition;
import dev.shopset.contracts.resources.Conditions;
import dev.shopset.contracts.resources.RepositoryRef;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetSpec;
import dev.shopset.contracts.resources.ShopSetStatus.Placement;
import dev.shopset.contracts.resources.TierSpec;
import dev.shopset.testkit.TopicTail;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many tenants on one tier of one system repository, as platforms run ShopSet: no two ShopSets
 * anywhere render the same object or select each other's pods, look-alike names never share a path
 * or an Application, one tenant's Configuration never changes another tenant's overlays, the
 * platform's policy refuses what it does not allow (in status, nothing in git, the rest committed),
 * and a tier move parks the Application it leaves instead of deleting running workloads.
 */
@ExtendWith(StackExtension.class)
class TenancyIT {

  static final String TIER = "tenancy";
  static final String MOVED = "tenancy-moved";
  static final Duration COMMITTED = Duration.ofSeconds(120);
  static final YAMLMapper YAML = new YAMLMapper();

  static Stack stack;
  static Resources api;
  static SystemRepo system;
  static TopicTail commits;

  @BeforeAll
  static void setUp() {
    stack = StackExtension.stack();
    api = new Resources(stack);
    api.tier(TIER, 0, "system", MOVED);
    api.tier(MOVED, 1, "system", null);
    system = new SystemRepo(stack, "system");
    commits = TopicTail.on(stack.bootstrapServers(), Topics.COMMITS);
  }

  @AfterAll
  static void tearDown() {
    commits.close();
  }

  @Test
  void shopSetsAndLookAlikeNamesNeverShareObjectsPathsOrApplications() {
    String longNamespace = "t" + "n".repeat(61) + "t";
    String longName = "s" + "h".repeat(61) + "s";
    Map<String, String> shopSets = new LinkedHashMap<>();
    shopSets.put("shop-team/blue", "berlin");
    shopSets.put("shop-team/green", "hamburg");
    shopSets.put("a-b/c", "rome");
    shopSets.put("a/b-c", "milan");
    shopSets.put(longNamespace + "/" + longName, "oslo");
    List<ShopSet> applied = new ArrayList<>();
    for (var entry : shopSets.entrySet()) {
      String[] key = entry.getKey().split("/");
      api.configuration(key[0]);
      applied.add(api.apply(key[0], key[1], Resources.spec(TIER, 1, entry.getValue())));
    }
    applied.forEach(s -> commits.awaitCommitted(s, COMMITTED));

    Path clone = system.cloneWithSubmodules(TIER);
    Map<String, String> builds = new LinkedHashMap<>();
    shopSets.keySet().forEach(key -> builds.put(key, build(clone, key)));
    String tenantA = builds.get("shop-team/blue");

    // Tenant B declares a Configuration with tenant A's Configuration name, pointing elsewhere.
    api.configuration(
        "tenant-b",
        Resources.CONFIGURATION,
        new RepositoryRef(stack.url("config-b"), Stack.CONFIG_PATH));
    commits.awaitCommitted(
        api.apply("tenant-b", "shop", Resources.spec(TIER, 1, "paris")), COMMITTED);
    Path after = system.cloneWithSubmodules(TIER);
    builds.put("tenant-b/shop", build(after, "tenant-b/shop"));

    assertThat(build(after, "shop-team/blue"))
        .as("tenant A's overlay builds byte for byte as before tenant B's Configuration")
        .isEqualTo(tenantA);
    assertThat(builds.get("tenant-b/shop"))
        .as("tenant B's ShopSet does use its own component")
        .contains(Stack.TENANT_B_CURRENCY);
    assertThat(tenantA).doesNotContain(Stack.TENANT_B_CURRENCY);

    Map<String, List<JsonNode>> objects = new LinkedHashMap<>();
    builds.forEach((key, yaml) -> objects.put(key, documents(yaml)));
    Map<String, String> owners = new LinkedHashMap<>();
    objects.forEach((key, docs) -> {
      for (JsonNode doc : docs) {
        String identity = identity(doc);
        assertThat(owners.putIfAbsent(identity, key))
            .as("%s is rendered by %s and %s", identity, owners.get(identity), key)
            .isNull();
      }
    });
    objects.forEach((key, docs) -> {
      for (JsonNode selector : selectors(docs)) {
        objects.forEach((other, otherDocs) -> {
          if (!other.equals(key)) {
            for (JsonNode podLabels : podLabels(otherDocs)) {
              assertThat(matches(selector, podLabels))
                  .as("a selector of %s matches pods of %s: %s", key, other, selector)
                  .isFalse();
            }
          }
        });
      }
    });

    List<String> names = new ArrayList<>();
    for (String key : builds.keySet()) {
      String file = "apps/" + key + ".yaml";
      String application = system.show(TIER, file);
      assertThat(application).as(file).isNotNull();
      names.add(documents(application).get(0).at("/metadata/name").asText());
    }
    assertThat(names).doesNotHaveDuplicates().allSatisfy(n -> assertThat(n).hasSizeLessThan(64));
    assertThat(system.files(TIER))
        .as("one Configuration submodule per namespace, never shared")
        .contains(
            "config/shop-team/" + Resources.CONFIGURATION,
            "config/tenant-b/" + Resources.CONFIGURATION,
            "config/a-b/" + Resources.CONFIGURATION,
            "config/a/" + Resources.CONFIGURATION);
  }

  @Test
  void policyRefusalsAreInStatusNotInGitWhileTheRestOfTheBatchIsCommitted() {
    String ns = "refused";
    stack
        .client()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
    api.tier(
        "locked",
        new TierSpec(
            2,
            TIER,
            new RepositoryRef(stack.url("app"), Stack.APP_PATH),
            new RepositoryRef(stack.url("system"), null),
            null,
            new LabelSelector(null, Map.of("shopset.dev/tenant", "locked-in")),
            null,
            null));
    api.configuration(ns);
    api.configuration(ns, "file-cfg", new RepositoryRef("file:///srv/git/config.git", null));
    api.configuration(
        ns, "outside-cfg", new RepositoryRef("https://git.elsewhere.example/config.git", null));
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put("not-allowed-here", Conditions.NAMESPACE_NOT_ALLOWED);
    refusals.put("other-cluster", Conditions.CLUSTER_NOT_ALLOWED);
    refusals.put("file-url", Conditions.REPOSITORY_NOT_ALLOWED);
    refusals.put("outside-prefix", Conditions.REPOSITORY_NOT_ALLOWED);
    Map<String, String> fields =
        Map.of(
            "not-allowed-here", "spec.tier",
            "other-cluster", "spec.failureDomain.cluster",
            "file-url", "spec.repository.url",
            "outside-prefix", "spec.repository.url");

    ShopSet first = api.apply(ns, "fine-1", Resources.spec(TIER, 1, "lima"));
    api.apply(ns, "not-allowed-here", Resources.spec("locked", 1, "quito"));
    api.apply(
        ns,
        "other-cluster",
        new ShopSetSpec(
            TIER,
            Resources.CONFIGURATION,
            List.of("cusco"),
            1,
            null,
            null,
            null,
            new ShopSetSpec.FailureDomain(null, "elsewhere"),
            null,
            null));
    api.apply(ns, "file-url", spec("file-cfg", "arequipa"));
    api.apply(ns, "outside-prefix", spec("outside-cfg", "trujillo"));
    ShopSet last = api.apply(ns, "fine-2", Resources.spec(TIER, 1, "piura"));

    commits.awaitCommitted(first, COMMITTED);
    commits.awaitCommitted(last, COMMITTED);
    refusals.forEach((name, reason) ->
        await()
            .atMost(COMMITTED)
            .untilAsserted(() -> {
              assertThat(api.condition(ns, name, Conditions.VALID))
                  .as(name)
                  .hasValueSatisfying(c -> {
                    assertThat(c.status()).isEqualTo(Condition.FALSE);
                    assertThat(c.reason()).isEqualTo(reason);
                    assertThat(c.message()).contains(fields.get(name));
                  });
              assertThat(api.condition(ns, name, Conditions.READY))
                  .hasValueSatisfying(c -> assertThat(c.reason()).isEqualTo(reason));
            }));
    // fine-2 was applied after every refused one and is committed: nothing else is coming.
    Set<String> inGit = system.shopSets(TIER);
    assertThat(inGit).contains(ns + "/fine-1", ns + "/fine-2");
    refusals
        .keySet()
        .forEach(name -> {
          assertThat(inGit).doesNotContain(ns + "/" + name);
          assertThat(system.show(TIER, "apps/" + ns + "/" + name + ".yaml")).isNull();
        });
  }

  @Test
  void aTierMoveParksTheApplicationItLeavesAndADeletionRemovesEveryPlace() {
    String ns = "movers";
    String file = "apps/" + ns + "/mover.yaml";
    api.configuration(ns);
    commits.awaitCommitted(api.apply(ns, "mover", Resources.spec(TIER, 1, "lisbon")), COMMITTED);
    assertActive(system.show(TIER, file));

    ShopSet moved = api.apply(ns, "mover", Resources.spec(MOVED, 1, "lisbon"));
    commits.awaitCommitted(moved, COMMITTED);
    await().atMost(COMMITTED).untilAsserted(() -> assertParked(system.show(TIER, file)));
    assertThat(system.shopSets(TIER)).doesNotContain(ns + "/mover");
    // The two tier branches are committed independently: the park may be pushed first (and its
    // commit-pushed names generation 2 too).
    await().atMost(COMMITTED).untilAsserted(() -> assertActive(system.show(MOVED, file)));
    await()
        .atMost(COMMITTED)
        .untilAsserted(() ->
            assertThat(api.get(ns, "mover").orElseThrow().getStatus().parked())
                .containsExactly(new Placement(TIER, stack.url("system"), TIER)));

    api.delete(ns, "mover");
    await()
        .atMost(COMMITTED)
        .untilAsserted(() -> {
          assertThat(system.show(TIER, file)).as("the parked Application goes too").isNull();
          assertThat(system.show(MOVED, file)).isNull();
          assertThat(system.shopSets(MOVED)).doesNotContain(ns + "/mover");
        });

    // The commit sequence of the Application file on each branch.
    var left = system.history(TIER, file);
    assertThat(left).hasSize(3);
    assertActive(left.get(0).getValue());
    // Never removed while active: first parked, without the cascading finalizer.
    assertParked(left.get(1).getValue());
    assertThat(left.get(2).getValue()).isNull();
    var arrived = system.history(MOVED, file);
    assertThat(arrived).hasSize(2);
    assertActive(arrived.get(0).getValue());
    assertThat(arrived.get(1).getValue())
        .as("a deletion removes the active Application, whose finalizer deletes the workloads")
        .isNull();
  }

  /** An Application that syncs and whose removal deletes what it manages. */
  private static void assertActive(String application) {
    assertThat(application).isNotNull();
    JsonNode app = documents(application).get(0);
    assertThat(app.at("/metadata/finalizers").toString())
        .contains("resources-finalizer.argocd.argoproj.io");
    assertThat(app.at("/spec/syncPolicy/automated").isMissingNode()).isFalse();
  }

  /** A parked Application: no cascading finalizer, no automated sync, says where it went. */
  private static void assertParked(String application) {
    assertThat(application).as("parked on the branch it left").isNotNull();
    JsonNode app = documents(application).get(0);
    assertThat(app.at("/metadata/annotations/shopset.dev~1moved-to").asText()).isEqualTo(MOVED);
    assertThat(app.at("/metadata/finalizers").toString()).doesNotContain("resources-finalizer");
    assertThat(app.at("/spec/syncPolicy/automated").isMissingNode()).isTrue();
  }

  private static ShopSetSpec spec(String configuration, String shop) {
    return new ShopSetSpec(
        TIER, configuration, List.of(shop), 1, null, null, null, null, null, null);
  }

  private static String build(Path clone, String key) {
    String[] parts = key.split("/");
    return SystemRepo.kustomize(clone, parts[0], parts[1]);
  }

  private static List<JsonNode> documents(String yaml) {
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      List<JsonNode> out = new ArrayList<>();
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && !doc.isNull() && !doc.isEmpty()) {
          out.add(doc);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** (API group, kind, namespace, name), as Kubernetes and Argo CD tell objects apart. */
  private static String identity(JsonNode doc) {
    String apiVersion = doc.path("apiVersion").asText();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return group
        + "/"
        + doc.path("kind").asText()
        + "/"
        + doc.at("/metadata/namespace").asText()
        + "/"
        + doc.at("/metadata/name").asText();
  }

  /** Label selectors of Services (a map), and of PDBs, Deployments and spreads (matchLabels). */
  private static List<JsonNode> selectors(List<JsonNode> docs) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode doc : docs) {
      if (doc.path("kind").asText().equals("Service")) {
        out.add(doc.at("/spec/selector"));
      }
      JsonNode match = doc.at("/spec/selector/matchLabels");
      if (!match.isMissingNode()) {
        out.add(match);
      }
      doc.at("/spec/template/spec/topologySpreadConstraints")
          .forEach(c -> out.add(c.at("/labelSelector/matchLabels")));
    }
    out.removeIf(s -> s.isMissingNode() || s.isEmpty());
    return out;
  }

  private static List<JsonNode> podLabels(List<JsonNode> docs) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode doc : docs) {
      JsonNode labels = doc.at("/spec/template/metadata/labels");
      if (!labels.isMissingNode()) {
        out.add(labels);
      }
    }
    return out;
  }

  private static boolean matches(JsonNode selector, JsonNode labels) {
    Set<String> keys = new HashSet<>();
    selector.fieldNames().forEachRemaining(keys::add);
    return keys.stream().allMatch(k -> selector.path(k).asText().equals(labels.path(k).asText()));
  }
}
