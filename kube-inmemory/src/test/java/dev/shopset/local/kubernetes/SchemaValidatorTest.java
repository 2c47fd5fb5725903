package dev.shopset.local.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shopset.local.kubernetes.ApiError.Cause;
import org.junit.jupiter.api.Test;

/** The ShopSet CRD's schema, enforced as an API server does. */
class SchemaValidatorTest {

  @Test
  void aValidShopSetPasses() {
    var result = validate("{tier: dev, configuration: std, shops: [berlin], replicas: 2}");
    assertThat(result.errors()).isEmpty();
    assertThat(result.unknownFields()).isEmpty();
  }

  @Test
  void aMissingRequiredFieldIsNamed() {
    assertThat(validate("{configuration: std, shops: [berlin]}").errors())
        .containsExactly(new Cause("FieldValueRequired", "spec.tier", "Required value"));
  }

  @Test
  void boundsPatternsItemCountsAndTypesAreChecked() {
    var errors =
        validate("{tier: Dev_1, configuration: std, shops: [], replicas: -1, suspend: 'yes'}")
            .errors();
    assertThat(errors)
        .extracting(Cause::field)
        .containsExactlyInAnyOrder("spec.tier", "spec.shops", "spec.replicas", "spec.suspend");
    assertThat(errors)
        .filteredOn(c -> c.field().equals("spec.replicas"))
        .extracting(Cause::message)
        .containsExactly(
            "Invalid value: -1: spec.replicas in body should be greater than or equal to 0");
  }

  @Test
  void unknownFieldsArePrunedAndReported() {
    ObjectNode shopSet = shopSet("{tier: dev, configuration: std, shops: [a], colour: blue}");
    var result = SchemaValidator.validate(shopSet, Crds.schema("shopsets"));
    assertThat(result.unknownFields()).containsExactly("spec.colour");
    assertThat(shopSet.at("/spec").has("colour")).isFalse();
    assertThat(shopSet.at("/metadata/name").asText()).isEqualTo("eu");
  }

  @Test
  void theMetadataNameRulesOfTheCrdApply() {
    ObjectNode shopSet = shopSet("{tier: dev, configuration: std, shops: [a]}");
    shopSet.with("metadata").put("name", "x".repeat(64)).put("uid", "kept");
    var result = SchemaValidator.validate(shopSet, Crds.schema("shopsets"));
    assertThat(result.errors()).extracting(Cause::field).containsExactly("metadata.name");
    assertThat(shopSet.at("/metadata/uid").asText()).isEqualTo("kept");
  }

  @Test
  void theConditionStatusRuleIsEnforced() {
    ObjectNode shopSet = shopSet("{tier: dev, configuration: std, shops: [a]}");
    shopSet.set(
        "status",
        Json.parseYaml(
            "{conditions: [{type: Ready, status: Maybe, reason: Deployed, message: m,"
                + " lastTransitionTime: '2026-12-01T10:00:00Z'}]}"));
    assertThat(SchemaValidator.validate(shopSet, Crds.schema("shopsets")).errors())
        .extracting(Cause::field)
        .containsExactly("status.conditions[0].status");
  }

  private static SchemaValidator.Result validate(String spec) {
    return SchemaValidator.validate(shopSet(spec), Crds.schema("shopsets"));
  }

  private static ObjectNode shopSet(String spec) {
    ObjectNode shopSet =
        (ObjectNode)
            Json.parseYaml(
                "{apiVersion: shopset.dev/v1alpha1, kind: ShopSet, metadata: {name: eu}}");
    shopSet.set("spec", Json.parseYaml(spec));
    return shopSet;
  }
}
