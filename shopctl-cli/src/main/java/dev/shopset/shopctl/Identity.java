package dev.shopset.shopctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Who the caller is to the API server: its own answer (a SelfSubjectReview, {@code kubectl auth
 * whoami}) where it gives one; else the impersonated user ({@code --as}) or the kubeconfig's user
 * name (the local run's in-memory API has no authentication). The admission policies check the name
 * shopctl writes against the authenticated user, so a wrong guess here is refused, never trusted.
 */
record Identity(String user, List<String> groups) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REVIEW =
      "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}";

  static Identity of(KubernetesClient client) {
    try {
      String answer =
          client.raw("/apis/authentication.k8s.io/v1/selfsubjectreviews", "POST", REVIEW);
      if (answer != null) {
        JsonNode info = JSON.readTree(answer).at("/status/userInfo");
        if (info.hasNonNull("username")) {
          List<String> groups = new ArrayList<>();
          info.path("groups").forEach(g -> groups.add(g.asText()));
          groups.removeIf(g -> g.startsWith("system:"));
          return new Identity(info.get("username").asText(), List.copyOf(groups));
        }
      }
    } catch (RuntimeException | java.io.IOException e) {
      // No SelfSubjectReview (older or in-memory API): fall back to the kubeconfig.
    }
    var config = client.getConfiguration();
    if (config.getImpersonateUsername() != null) {
      return new Identity(config.getImpersonateUsername(), List.of());
    }
    var context = config.getCurrentContext();
    if (context != null && context.getContext() != null && context.getContext().getUser() != null) {
      return new Identity(context.getContext().getUser(), List.of());
    }
    throw new ShopctlException(
        Exit.USAGE,
        "Cannot tell who you are: the API server has no SelfSubjectReview and the kubeconfig"
            + " context names no user. Pass --as USER.");
  }
}
