package dev.shopset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.Names;
import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionApproval;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.Tier;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CRDs in k8s/crds are what the resource classes generate, and they reject bad objects. */
class CustomResourceDefinitionsTest {

  private static final ObjectMapper YAML = new YAMLMapper();
  private static Map<String, String> generated;

  @BeforeAll
  static void generate(@TempDir Path out) throws IOException {
    new CRDGenerator()
        .inOutputDir(out.toFile())
        .forCRDVersions("v1")
        .withParallelGenerationEnabled(false)
        // One post-processor only (a second call replaces the first): the rules in turn.
        .withPostProcessor(new AllRules())
        .customResourceClasses(
            ShopSet.class,
            Tier.class,
            Configuration.class,
            Promotion.class,
            PromotionApproval.class)
        .generate();
    generated = new TreeMap<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path file : files.toList()) {
        generated.put(file.getFileName().toString(), Files.readString(file));
      }
    }
  }

  @Test
  void committedCrdsAreWhatTheClassesGenerate() throws IOException {
    assertThat(generated).hasSize(5);
    Generated.assertCommitted(Generated.repositoryRoot().resolve("k8s/crds"), generated, ".yml");
  }

  @Test
  void shopSetCrdHasStatusSubresourceAndPrinterColumns() throws IOException {
    JsonNode version = shopSetCrd().at("/spec/versions/0");
    assertThat(version.at("/subresources/status").isObject()).isTrue();
    assertThat(version.at("/additionalPrinterColumns").findValuesAsText("name"))
        .containsExactly(
            "Ready", "Tier", "Shops", "Commit", "Message", "Age", "Configuration", "Full-Commit");
  }

  @Test
  void conditionsAreListMapsKeyedByTypeWithTheFieldsOfMetav1Condition() throws IOException {
    for (String crd : generated.values()) {
      JsonNode conditions =
          YAML.readTree(crd)
              .at(
                  "/spec/versions/0/schema/openAPIV3Schema/properties/status/properties/conditions");
      if (conditions.isMissingNode()) {
        continue;
      }
      assertThat(conditions.at("/x-kubernetes-list-type").asText()).isEqualTo("map");
      assertThat(conditions.at("/x-kubernetes-list-map-keys/0").asText()).isEqualTo("type");
      java.util.List<String> required = new java.util.ArrayList<>();
      conditions.at("/items/required").forEach(n -> required.add(n.asText()));
      assertThat(required)
          .containsExactlyInAnyOrder("type", "status", "reason", "message", "lastTransitionTime");
    }
  }

  @Test
  void acceptsAValidShopSet() throws IOException {
    assertThat(validate(shopSet("eu-1", "tier-0", "[shop-a, shop-b]", 2))).isEmpty();
  }

  @Test
  void rejectsAnInvalidName() throws IOException {
    assertThat(validate(shopSet("EU_1", "tier-0", "[shop-a]", 2)))
        .anySatisfy(m -> assertThat(m.getInstanceLocation().toString()).contains("metadata.name"));
  }

  @Test
  void rejectsAMissingTier() throws IOException {
    assertThat(validate(shopSet("eu-1", null, "[shop-a]", 2)))
        .anySatisfy(m -> assertThat(m.getMessage()).contains("tier"));
  }

  @Test
  void rejectsBadShopIdsAndNegativeReplicas() throws IOException {
    assertThat(validate(shopSet("eu-1", "tier-0", "['../etc']", 2)))
        .anySatisfy(m -> assertThat(m.getInstanceLocation().toString()).contains("shops"));
    assertThat(validate(shopSet("eu-1", "tier-0", "[shop-a]", -1)))
        .anySatisfy(m -> assertThat(m.getInstanceLocation().toString()).contains("replicas"));
  }

  private static Set<ValidationMessage> validate(String objectYaml) throws IOException {
    JsonNode schema = shopSetCrd().at("/spec/versions/0/schema/openAPIV3Schema");
    JsonSchema jsonSchema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
    return jsonSchema.validate(YAML.readTree(objectYaml));
  }

  private static JsonNode shopSetCrd() throws IOException {
    return YAML.readTree(generated.get("shopsets.shopset.dev-v1.yml"));
  }

  private static String shopSet(String name, String tier, String shops, int replicas) {
    return """
    apiVersion: shopset.dev/v1alpha1
    kind: ShopSet
    metadata:
      name: %s
      namespace: shops-eu
    spec:
      %s
      configuration: standard
      shops: %s
      replicas: %d
    """
        .formatted(name, tier == null ? "" : "tier: " + tier, shops, replicas);
  }

  /** The post-processors below, in turn. */
  static final class AllRules implements CRDPostProcessor {
    @Override
    public HasMetadata process(HasMetadata crd, String version) {
      HasMetadata named = new NameRules().process(crd, version);
      return new ColumnOrder().process(new ConditionLists().process(named, version), version);
    }
  }

  /**
   * Printer columns in the order the class declares them ({@code kubectl get} shows them in the
   * CRD's order; the generator does not keep it).
   */
  static final class ColumnOrder implements CRDPostProcessor {
    private static final Map<String, Class<?>> CLASSES =
        Map.of(
            "ShopSet", ShopSet.class,
            "Tier", Tier.class,
            "Configuration", Configuration.class,
            "Promotion", Promotion.class,
            "PromotionApproval", PromotionApproval.class);

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
      CustomResourceDefinition definition = (CustomResourceDefinition) crd;
      java.util.List<String> order =
          java.util.Arrays.stream(
                  CLASSES
                      .get(definition.getSpec().getNames().getKind())
                      .getAnnotationsByType(
                          io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.class))
              .map(io.fabric8.crd.generator.annotation.AdditionalPrinterColumn::name)
              .toList();
      for (var version : definition.getSpec().getVersions()) {
        if (version.getAdditionalPrinterColumns() != null) {
          version
              .getAdditionalPrinterColumns()
              .sort(java.util.Comparator.comparingInt(c -> order.indexOf(c.getName())));
        }
      }
      return definition;
    }
  }

  /**
   * Conditions are a list map keyed by type, as {@code metav1.Condition} lists are: server-side
   * apply merges them per type, and generic tools find them.
   */
  static final class ConditionLists implements CRDPostProcessor {
    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
      CustomResourceDefinition definition = (CustomResourceDefinition) crd;
      definition.getSpec().getVersions().forEach(v -> mark(v.getSchema().getOpenAPIV3Schema()));
      return definition;
    }

    private static void mark(JSONSchemaProps schema) {
      if (schema == null || schema.getProperties() == null) {
        return;
      }
      schema
          .getProperties()
          .forEach((name, property) -> {
            if (name.equals("conditions") && "array".equals(property.getType())) {
              property.setXKubernetesListType("map");
              property.setXKubernetesListMapKeys(java.util.List.of("type"));
            }
            mark(property);
          });
    }
  }

  /**
   * ShopSet, Configuration and Tier names become directory names, file names and label values, so
   * they must be DNS-1123 labels; the API server only checks subdomains unless the schema says so.
   */
  static final class NameRules implements CRDPostProcessor {
    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
      CustomResourceDefinition definition = (CustomResourceDefinition) crd;
      String kind = definition.getSpec().getNames().getKind();
      if (kind.equals("ShopSet") || kind.equals("Configuration") || kind.equals("Tier")) {
        JSONSchemaProps name =
            new JSONSchemaPropsBuilder()
                .withType("string")
                .withMaxLength(63L)
                .withPattern(Names.DNS1123_LABEL)
                .build();
        JSONSchemaProps metadata =
            new JSONSchemaPropsBuilder()
                .withType("object")
                .withProperties(Map.of("name", name))
                .build();
        definition
            .getSpec()
            .getVersions()
            .forEach(
                v -> v.getSchema().getOpenAPIV3Schema().getProperties().put("metadata", metadata));
      }
      return definition;
    }
  }
}
