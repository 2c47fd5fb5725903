package dev.shopset.local.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** What kubectl apply and edit send for built-in kinds lands as on a real server. */
class StrategicMergePatchTest {

  private static final String DEPLOYMENT =
      """
      metadata: {name: web, labels: {app: web}, finalizers: [a]}
      spec:
        replicas: 2
        template:
          spec:
            containers:
            - name: web
              image: nginx:1
              env: [{name: A, value: "1"}, {name: B, value: "2"}]
              ports: [{containerPort: 80}]
            - name: side
              image: busybox
      """;

  @Test
  void containersMergeByNameAndUntouchedOnesStay() {
    ObjectNode result =
        patch(
            """
            spec:
              template:
                spec:
                  $setElementOrder/containers: [{name: web}, {name: side}]
                  containers:
                  - name: web
                    image: nginx:2
            """);
    assertThat(result.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:2");
    assertThat(result.at("/spec/template/spec/containers/0/env").size()).isEqualTo(2);
    assertThat(result.at("/spec/template/spec/containers/1/name").asText()).isEqualTo("side");
    assertThat(result.at("/spec/replicas").asInt()).isEqualTo(2);
  }

  @Test
  void deleteDirectivesRemoveListItemsAndNullRemovesFields() {
    ObjectNode result =
        patch(
            """
            metadata: {labels: {app: null}}
            spec:
              replicas: null
              template:
                spec:
                  containers:
                  - name: web
                    env: [{name: B, $patch: delete}, {name: C, value: "3"}]
                  - {name: side, $patch: delete}
            """);
    assertThat(result.at("/metadata/labels").isEmpty()).isTrue();
    assertThat(result.at("/spec").has("replicas")).isFalse();
    var containers = result.at("/spec/template/spec/containers");
    assertThat(containers.size()).isEqualTo(1);
    assertThat(containers.get(0).path("env").findValuesAsText("name")).containsExactly("A", "C");
  }

  @Test
  void primitiveListsMergeAsSetsOnlyWhereKubernetesDoes() {
    ObjectNode result =
        patch(
            """
            metadata:
              finalizers: [b]
              $deleteFromPrimitiveList/finalizers: [a]
            spec: {template: {spec: {containers: [{name: web, args: [x]}]}}}
            """);
    assertThat(result.at("/metadata/finalizers").toString()).isEqualTo("[\"b\"]");
    assertThat(result.at("/spec/template/spec/containers/0/args").toString()).isEqualTo("[\"x\"]");
  }

  @Test
  void aReplaceDirectiveReplacesTheMap() {
    ObjectNode result = patch("spec: {template: {$patch: replace, metadata: {labels: {x: y}}}}");
    assertThat(result.at("/spec/template").toString())
        .isEqualTo("{\"metadata\":{\"labels\":{\"x\":\"y\"}}}");
  }

  private static ObjectNode patch(String patch) {
    ObjectNode target = (ObjectNode) Json.parseYaml(DEPLOYMENT);
    return StrategicMergePatch.apply(target, Json.parseYaml(patch));
  }
}
