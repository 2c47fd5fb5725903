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
        .withPostProcessor(new NameRules())
        .customResourceClasses(ShopSet.class, Tier.class, Configuration.class, Promotion.class)
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
    assertThat(generated).hasSize(4);
    Generated.assertCommitted(Generated.repositoryRoot().resolve("k8s/crds"), generated, ".yml");
  }

  @Test
  void shopSetCrdHasStatusSubresourceAndPrinterColumns() throws IOException {
    JsonNode version = shopSetCrd().at("/spec/versions/0");
    assertThat(version.at("/subresources/status").isObject()).isTrue();
    assertThat(version.at("/additionalPrinterColumns").findValuesAsText("name"))
        .contains("Tier", "Configuration", "Valid", "Committed", "Age");
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
