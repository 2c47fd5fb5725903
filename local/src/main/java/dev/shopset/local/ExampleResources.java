package dev.shopset.local;

import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.ConfigurationSpec;
import dev.shopset.contracts.resources.RepositoryRef;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The resources under {@code examples/resources}, with their placeholder repository URLs pointed at
 * the local git server, applied in dependency order: namespace, Tiers, Configuration, ShopSets.
 */
final class ExampleResources {

  private static final List<String> FILES =
      List.of("namespace.yaml", "tiers.yaml", "configuration.yaml", "shopsets.yaml");
  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "Namespace", Namespace.class,
          "Tier", Tier.class,
          "Configuration", Configuration.class,
          "ShopSet", ShopSet.class);

  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private ExampleResources() {}

  /**
   * Reads the examples from {@code directory}, with repository URLs given by {@code url} (from a
   * repository name: app, config, system).
   */
  static List<HasMetadata> load(Path directory, Function<String, String> url) {
    List<HasMetadata> resources = new ArrayList<>();
    for (String file : FILES) {
      for (String document : documents(directory.resolve(file))) {
        resources.add(localized(parse(document), url));
      }
    }
    return resources;
  }

  /** Creates or replaces each resource; returns one line per resource for the console. */
  static List<String> apply(KubernetesClient client, List<HasMetadata> resources) {
    List<String> applied = new ArrayList<>();
    for (HasMetadata resource : resources) {
      client.resource(resource).createOr(NonDeletingOperation::update);
      String namespace = resource.getMetadata().getNamespace();
      applied.add(
          "%-13s %s"
              .formatted(
                  resource.getKind(),
                  (namespace == null ? "" : namespace + "/") + resource.getMetadata().getName()));
    }
    return applied;
  }

  private static HasMetadata localized(HasMetadata resource, Function<String, String> url) {
    switch (resource) {
      case Tier tier -> {
        TierSpec s = tier.getSpec();
        tier.setSpec(
            new TierSpec(
                s.rank(),
                s.branch(),
                relocated(s.appRepository(), url.apply("app")),
                relocated(s.systemRepository(), url.apply("system")),
                s.promotesTo(),
                s.namespaceSelector(),
                s.clusters(),
                s.frozen()));
      }
      case Configuration configuration ->
          configuration.setSpec(
              new ConfigurationSpec(
                  relocated(configuration.getSpec().repository(), url.apply("config"))));
      default -> {
        // namespaces and ShopSets name no repository
      }
    }
    return resource;
  }

  private static RepositoryRef relocated(RepositoryRef ref, String url) {
    return ref == null ? null : new RepositoryRef(url, ref.path());
  }

  private static HasMetadata parse(String document) {
    String kind =
        document
            .lines()
            .filter(l -> l.startsWith("kind:"))
            .findFirst()
            .map(l -> l.substring("kind:".length()).trim())
            .orElseThrow(() -> new IllegalArgumentException("No kind in:\n" + document));
    Class<? extends HasMetadata> type = KINDS.get(kind);
    if (type == null) {
      throw new IllegalArgumentException("The local run does not apply kind " + kind);
    }
    return YAML.unmarshal(document, type);
  }

  private static List<String> documents(Path file) {
    try {
      List<String> documents = new ArrayList<>();
      for (String part : Files.readString(file).split("(?m)^---\\s*$")) {
        if (part.lines().anyMatch(l -> l.startsWith("kind:"))) {
          documents.add(part);
        }
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
