package dev.shopset.local.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestPathTest {

  @Test
  void readsNamespacedClusterScopedAndSubresourcePaths() {
    assertThat(RequestPath.parse("/apis/shopset.dev/v1alpha1/namespaces/shops/shopsets/eu/status"))
        .isEqualTo(
            new RequestPath("shopset.dev", "v1alpha1", "shops", "shopsets", "eu", "status", false));
    assertThat(RequestPath.parse("/apis/shopset.dev/v1alpha1/shopsets"))
        .isEqualTo(new RequestPath("shopset.dev", "v1alpha1", null, "shopsets", null, "", false));
    assertThat(RequestPath.parse("/apis/shopset.dev/v1alpha1/tiers/dev"))
        .isEqualTo(new RequestPath("shopset.dev", "v1alpha1", null, "tiers", "dev", "", false));
    assertThat(RequestPath.parse("/api/v1/namespaces/shops/configmaps"))
        .isEqualTo(new RequestPath("", "v1", "shops", "configmaps", null, "", false));
  }

  @Test
  void namespacesAreObjectsWithSubresourcesToo() {
    assertThat(RequestPath.parse("/api/v1/namespaces/shops"))
        .isEqualTo(new RequestPath("", "v1", null, "namespaces", "shops", "", false));
    assertThat(RequestPath.parse("/api/v1/namespaces/shops/status"))
        .isEqualTo(new RequestPath("", "v1", null, "namespaces", "shops", "status", false));
  }

  @Test
  void theOldWatchPrefixIsAWatch() {
    assertThat(RequestPath.parse("/apis/apps/v1/watch/namespaces/a/deployments/web"))
        .isEqualTo(new RequestPath("apps", "v1", "a", "deployments", "web", "", true));
  }

  @Test
  void discoveryPathsAreNoResourcePaths() {
    assertThat(RequestPath.parse("/apis")).isNull();
    assertThat(RequestPath.parse("/apis/apps")).isNull();
    assertThat(RequestPath.parse("/apis/apps/v1")).isNull();
    assertThat(RequestPath.parse("/api/v1")).isNull();
    assertThat(RequestPath.parse("/openapi/v3")).isNull();
  }
}
