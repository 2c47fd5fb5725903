package dev.shopset.local.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ServerSideApplyTest {

  @Test
  void reapplyingRemovesWhatTheManagerNoLongerAppliesAndKeepsOthersFields() {
    ObjectNode first =
        ServerSideApply.apply(
            null,
            config("{metadata: {name: eu, labels: {a: '1'}}, spec: {tier: dev, replicas: 2}}"),
            "kubectl",
            "shopset.dev/v1alpha1",
            "t1");
    assertThat(first.at("/metadata/managedFields/0/fieldsV1").toString())
        .isEqualTo(
            "{\"f:metadata\":{\"f:labels\":{\"f:a\":{}}},\"f:spec\":{\"f:tier\":{},\"f:replicas\":{}}}");
    // Someone else writes a field; then kubectl applies without replicas.
    first.with("spec").put("suspend", true);
    ObjectNode second =
        ServerSideApply.apply(
            first,
            config("{metadata: {name: eu}, spec: {tier: prod}}"),
            "kubectl",
            "shopset.dev/v1alpha1",
            "t2");
    assertThat(second.at("/spec").toString()).isEqualTo("{\"tier\":\"prod\",\"suspend\":true}");
    assertThat(second.at("/metadata/labels").isMissingNode()).isTrue();
    assertThat(second.at("/metadata/managedFields").size()).isEqualTo(1);
    assertThat(second.at("/metadata/managedFields/0/time").asText()).isEqualTo("t2");
  }

  @Test
  void managersKeepTheirOwnEntries() {
    ObjectNode mine =
        ServerSideApply.apply(null, config("{spec: {tier: dev}}"), "kubectl", "v", "t1");
    ObjectNode both = ServerSideApply.apply(mine, config("{spec: {replicas: 3}}"), "ci", "v", "t2");
    assertThat(both.at("/spec").toString()).isEqualTo("{\"tier\":\"dev\",\"replicas\":3}");
    assertThat(both.at("/metadata/managedFields").findValuesAsText("manager"))
        .containsExactly("kubectl", "ci");
  }

  private static ObjectNode config(String yaml) {
    return (ObjectNode) Json.parseYaml(yaml);
  }
}
