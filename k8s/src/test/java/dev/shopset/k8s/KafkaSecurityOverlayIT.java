package dev.shopset.k8s;

import static dev.shopset.k8s.ClusterManifestsIT.kustomize;
import static dev.shopset.k8s.ClusterManifestsIT.names;
import static dev.shopset.k8s.ClusterManifestsIT.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kafka-security component, built with the real {@code kubectl kustomize}: in an install whose
 * params.env names another Strimzi cluster and namespace, each service connects as its own
 * KafkaUser over SASL_SSL and trusts that cluster's CA, the way Strimzi names and fills their
 * Secrets.
 */
class KafkaSecurityOverlayIT {

  private static final Map<String, String> SETTINGS =
      Map.of(
          "KAFKA_BOOTSTRAP_SERVERS", "prod-kafka-kafka-bootstrap.streaming:9093",
          "STRIMZI_CLUSTER", "prod-kafka",
          "KAFKA_NAMESPACE", "streaming");

  @Test
  void theOverlayBuildsWithAUserPerServiceAndEveryDeploymentUsingIt() throws Exception {
    List<JsonNode> objects = kustomize("overlays/kafka-security");
    assertThat(names(objects, "KafkaUser"))
        .containsExactlyInAnyOrderElementsOf(KafkaUsersTest.USERS.values());
    assertSecureClients(objects, "my-cluster");
  }

  @Test
  void anInstallWithTheComponentUsesTheClusterAndNamespaceOfParamsEnv(@TempDir Path dir)
      throws Exception {
    Path install = InstallOverlayIT.userCopy(dir, SETTINGS, false);
    Path kustomization = install.resolve("kustomization.yaml");
    Files.writeString(
        kustomization,
        Files.readString(kustomization)
            .replace("# components:", "components:")
            .replace("#   - ../components/kafka-security", "  - ../components/kafka-security"));
    List<JsonNode> objects = kustomize(install);

    assertThat(names(objects, "KafkaUser"))
        .containsExactlyInAnyOrderElementsOf(KafkaUsersTest.USERS.values());
    for (JsonNode user : ofKind(objects, "KafkaUser")) {
      assertThat(user.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo("prod-kafka");
      assertThat(user.at("/metadata/namespace").asText()).isEqualTo("streaming");
    }
    assertSecureClients(objects, "prod-kafka");
  }

  @Test
  void withoutTheComponentTheServicesStayOnPlaintextAndNoUserIsMade(@TempDir Path dir)
      throws Exception {
    List<JsonNode> objects = kustomize(InstallOverlayIT.userCopy(dir, SETTINGS, false));
    assertThat(ofKind(objects, "KafkaUser")).isEmpty();
    for (JsonNode deployment : ofKind(objects, "Deployment")) {
      assertThat(env(deployment)).doesNotContainKey("KAFKA_SECURITY_PROTOCOL");
    }
  }

  private static void assertSecureClients(List<JsonNode> objects, String cluster) {
    List<JsonNode> deployments = ofKind(objects, "Deployment");
    assertThat(deployments).hasSize(KafkaUsersTest.USERS.size());
    for (JsonNode deployment : deployments) {
      String service = deployment.at("/metadata/name").asText();
      Map<String, JsonNode> env = env(deployment);
      assertThat(env.get("KAFKA_SECURITY_PROTOCOL").path("value").asText()).isEqualTo("SASL_SSL");
      assertThat(env.get("KAFKA_SASL_MECHANISM").path("value").asText()).isEqualTo("SCRAM-SHA-512");
      assertThat(env.get("KAFKA_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef/name").asText())
          .as("%s connects as its own user", service)
          .isEqualTo(KafkaUsersTest.USERS.get(service));
      assertThat(env.get("KAFKA_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef/key").asText())
          .isEqualTo("sasl.jaas.config");
      assertThat(env.get("KAFKA_SSL_TRUSTSTORE_TYPE").path("value").asText()).isEqualTo("PEM");
      String truststore = env.get("KAFKA_SSL_TRUSTSTORE_LOCATION").path("value").asText();

      JsonNode volume = null;
      for (JsonNode v : deployment.at("/spec/template/spec/volumes")) {
        if (v.path("name").asText().equals("kafka-cluster-ca")) {
          volume = v;
        }
      }
      assertThat(volume).as("%s mounts the cluster CA", service).isNotNull();
      assertThat(volume.at("/secret/secretName").asText()).isEqualTo(cluster + "-cluster-ca-cert");
      assertThat(volume.at("/secret/items/0/key").asText()).isEqualTo("ca.crt");
      String mountPath = null;
      for (JsonNode mount : deployment.at("/spec/template/spec/containers/0/volumeMounts")) {
        if (mount.path("name").asText().equals("kafka-cluster-ca")) {
          mountPath = mount.path("mountPath").asText();
          assertThat(mount.path("readOnly").asBoolean()).isTrue();
        }
      }
      assertThat(truststore)
          .isEqualTo(mountPath + "/" + volume.at("/secret/items/0/path").asText());
    }
  }

  private static Map<String, JsonNode> env(JsonNode deployment) {
    Map<String, JsonNode> env = new HashMap<>();
    for (JsonNode variable : deployment.at("/spec/template/spec/containers/0/env")) {
      env.put(variable.path("name").asText(), variable);
    }
    return env;
  }
}
