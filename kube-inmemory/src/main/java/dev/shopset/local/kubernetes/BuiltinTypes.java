package dev.shopset.local.kubernetes;

import java.util.ArrayList;
import java.util.List;

/**
 * The built-in kinds the in-memory API serves: what the services and an install of ShopSet touch.
 * Their fields are stored as given; only CustomResourceDefinitions bring schemas.
 */
final class BuiltinTypes {

  private BuiltinTypes() {}

  static List<ResourceType> all() {
    List<ResourceType> types = new ArrayList<>();
    // core/v1
    types.add(type("", "v1", "Namespace", "namespaces", false, List.of("ns"), true, false));
    types.add(type("", "v1", "ConfigMap", "configmaps", true, List.of("cm"), false, false));
    types.add(type("", "v1", "Secret", "secrets", true, List.of(), false, false));
    types.add(type("", "v1", "Service", "services", true, List.of("svc"), true, false));
    types.add(
        type("", "v1", "ServiceAccount", "serviceaccounts", true, List.of("sa"), false, false));
    types.add(type("", "v1", "Event", "events", true, List.of("ev"), false, false));
    // apps/v1
    types.add(type("apps", "v1", "Deployment", "deployments", true, List.of("deploy"), true, true));
    // rbac
    String rbac = "rbac.authorization.k8s.io";
    types.add(type(rbac, "v1", "Role", "roles", true, List.of(), false, false));
    types.add(type(rbac, "v1", "RoleBinding", "rolebindings", true, List.of(), false, false));
    types.add(type(rbac, "v1", "ClusterRole", "clusterroles", false, List.of(), false, false));
    types.add(
        type(
            rbac,
            "v1",
            "ClusterRoleBinding",
            "clusterrolebindings",
            false,
            List.of(),
            false,
            false));
    // the rest of an install
    types.add(
        type(
            "policy",
            "v1",
            "PodDisruptionBudget",
            "poddisruptionbudgets",
            true,
            List.of("pdb"),
            true,
            true));
    types.add(
        type(
            "autoscaling",
            "v2",
            "HorizontalPodAutoscaler",
            "horizontalpodautoscalers",
            true,
            List.of("hpa"),
            true,
            true));
    String networking = "networking.k8s.io";
    types.add(
        type(
            networking,
            "v1",
            "NetworkPolicy",
            "networkpolicies",
            true,
            List.of("netpol"),
            false,
            true));
    types.add(type(networking, "v1", "Ingress", "ingresses", true, List.of("ing"), true, true));
    types.add(type("coordination.k8s.io", "v1", "Lease", "leases", true, List.of(), false, false));
    // Stored and served as an install applies them; not enforced (no admission here).
    String admission = "admissionregistration.k8s.io";
    types.add(
        type(
            admission,
            "v1",
            "ValidatingAdmissionPolicy",
            "validatingadmissionpolicies",
            false,
            List.of(),
            true,
            true));
    types.add(
        type(
            admission,
            "v1",
            "ValidatingAdmissionPolicyBinding",
            "validatingadmissionpolicybindings",
            false,
            List.of(),
            false,
            true));
    types.add(
        type(
            "apiextensions.k8s.io",
            "v1",
            "CustomResourceDefinition",
            "customresourcedefinitions",
            false,
            List.of("crd", "crds"),
            true,
            true));
    return types;
  }

  private static ResourceType type(
      String group,
      String version,
      String kind,
      String plural,
      boolean namespaced,
      List<String> shortNames,
      boolean status,
      boolean generation) {
    List<String> categories =
        List.of("deployments", "services").contains(plural) ? List.of("all") : List.of();
    return new ResourceType(
        group,
        version,
        kind,
        plural,
        kind.toLowerCase(java.util.Locale.ROOT),
        namespaced,
        shortNames,
        categories,
        status,
        generation,
        false,
        null,
        List.of());
  }
}
