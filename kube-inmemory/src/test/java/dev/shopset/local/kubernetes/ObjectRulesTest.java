package dev.shopset.local.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** What a write makes of an object, as a real API server stores it. */
class ObjectRulesTest {

  private static final ResourceType SHOPSETS = Crds.type("shopsets");

  @Test
  void aCreatedCustomResourceGetsIdentityGenerationOneAndNoStatus() {
    ObjectNode created = create(shopSet("dev", 2), WriteOptions.DEFAULT);
    assertThat(created.at("/metadata/uid").asText()).isNotEmpty();
    assertThat(created.at("/metadata/creationTimestamp").asText()).isNotEmpty();
    assertThat(created.at("/metadata/generation").asLong()).isEqualTo(1);
    assertThat(created.at("/metadata/namespace").asText()).isEqualTo("shops");
    assertThat(created.has("status")).as("status is written through /status").isFalse();
  }

  @Test
  void generationCountsSpecChangesOnly() {
    ObjectNode current = create(shopSet("dev", 2), WriteOptions.DEFAULT);
    ObjectNode relabelled = current.deepCopy();
    relabelled.with("metadata").with("labels").put("x", "y");
    assertThat(update(current, relabelled, "").at("/metadata/generation").asLong()).isEqualTo(1);
    ObjectNode scaled = current.deepCopy();
    scaled.with("spec").put("replicas", 3);
    assertThat(update(current, scaled, "").at("/metadata/generation").asLong()).isEqualTo(2);
  }

  @Test
  void statusWritesChangeOnlyTheStatusAndTheMainResourceNeverTheStatus() {
    ObjectNode current = create(shopSet("dev", 2), WriteOptions.DEFAULT);
    ObjectNode statusWrite = current.deepCopy();
    statusWrite.with("spec").put("replicas", 9);
    statusWrite.set("status", Json.parseYaml("{observedGeneration: 1}"));
    ObjectNode afterStatus = update(current, statusWrite, "status");
    assertThat(afterStatus.at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(afterStatus.at("/status/observedGeneration").asInt()).isEqualTo(1);
    assertThat(afterStatus.at("/metadata/generation").asLong()).isEqualTo(1);

    ObjectNode specWrite = afterStatus.deepCopy();
    specWrite.set("status", Json.parseYaml("{observedGeneration: 7}"));
    assertThat(update(afterStatus, specWrite, "").at("/status/observedGeneration").asInt())
        .isEqualTo(1);
  }

  @Test
  void anInvalidObjectIsRefusedWithEveryField() {
    assertThatThrownBy(() -> create(shopSet(null, -1), WriteOptions.DEFAULT))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.code()).isEqualTo(422);
              assertThat(e.getMessage())
                  .startsWith("ShopSet.shopset.dev \"eu\" is invalid: [")
                  .contains("spec.tier: Required value")
                  .contains("spec.replicas: Invalid value: -1");
            });
  }

  @Test
  void strictFieldValidationRefusesUnknownFieldsAndWarnPrunesThem() {
    ObjectNode withColour = shopSet("dev", 1);
    withColour.with("spec").put("colour", "blue");
    assertThatThrownBy(
            () -> create(withColour, new WriteOptions(false, "Strict", null, false, true)))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400))
        .hasMessageContaining("unknown field \"spec.colour\"");
    var prepared =
        ObjectRules.prepare(SHOPSETS, "shops", null, withColour, "", WriteOptions.DEFAULT);
    assertThat(prepared.warnings()).containsExactly("unknown field \"spec.colour\"");
    assertThat(prepared.object().at("/spec").has("colour")).isFalse();
  }

  @Test
  void aNamespaceIsLabelledWithItsName() {
    ResourceType namespaces = new TypeRegistry().find("", "v1", "namespaces");
    ObjectNode namespace = (ObjectNode) Json.parseYaml("{metadata: {name: shops-eu}}");
    ObjectNode created =
        ObjectRules.prepare(namespaces, null, null, namespace, "", WriteOptions.DEFAULT).object();
    assertThat(created.at("/metadata/labels/kubernetes.io~1metadata.name").asText())
        .isEqualTo("shops-eu");
    assertThat(created.at("/status/phase").asText()).isEqualTo("Active");
  }

  private static ObjectNode create(ObjectNode object, WriteOptions options) {
    return ObjectRules.prepare(SHOPSETS, "shops", null, object, "", options).object();
  }

  private static ObjectNode update(ObjectNode current, ObjectNode candidate, String subresource) {
    return ObjectRules.prepare(
            SHOPSETS, "shops", current, candidate, subresource, WriteOptions.DEFAULT)
        .object();
  }

  private static ObjectNode shopSet(String tier, int replicas) {
    ObjectNode shopSet =
        (ObjectNode)
            Json.parseYaml(
                "{apiVersion: shopset.dev/v1alpha1, kind: ShopSet, metadata: {name: eu},"
                    + " spec: {configuration: std, shops: [a]}, status: {observedGeneration: 5}}");
    if (tier != null) {
      shopSet.with("spec").put("tier", tier);
    }
    shopSet.with("spec").put("replicas", replicas);
    return shopSet;
  }
}
