package dev.shopset.local.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorsTest {

  private static final Map<String, String> LABELS = Map.of("app", "web", "tier", "dev");

  @Test
  void labelSelectorsSupportEqualityInequalitySetsAndExistence() {
    assertThat(Selectors.labels("app=web").test(LABELS)).isTrue();
    assertThat(Selectors.labels("app==web,tier=dev").test(LABELS)).isTrue();
    assertThat(Selectors.labels("app=web,tier=prod").test(LABELS)).isFalse();
    assertThat(Selectors.labels("tier!=prod").test(LABELS)).isTrue();
    assertThat(Selectors.labels("tier in (dev, prod)").test(LABELS)).isTrue();
    assertThat(Selectors.labels("tier notin (dev)").test(LABELS)).isFalse();
    assertThat(Selectors.labels("app").test(LABELS)).isTrue();
    assertThat(Selectors.labels("!app").test(LABELS)).isFalse();
    assertThat(Selectors.labels("!missing,app in (web),tier").test(LABELS)).isTrue();
    assertThat(Selectors.labels(null).test(Map.of())).isTrue();
  }

  @Test
  void aMalformedLabelSelectorIsABadRequest() {
    assertThatThrownBy(() -> Selectors.labels("a b"))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400));
  }

  @Test
  void fieldSelectorsReadAnyDottedPath() {
    var object =
        Json.parseYaml(
            """
            metadata: {name: eu, namespace: shops}
            spec: {tier: dev}
            """);
    assertThat(Selectors.fields("metadata.name=eu,metadata.namespace==shops").test(object))
        .isTrue();
    assertThat(Selectors.fields("spec.tier!=dev").test(object)).isFalse();
    assertThat(Selectors.fields("spec.missing=").test(object)).isTrue();
  }

  @Test
  void aSelectorOnTheNamePinsTheName() {
    assertThat(Selectors.pinned("metadata.name=eu", "metadata.name")).isEqualTo("eu");
    assertThat(Selectors.pinned("metadata.name!=eu", "metadata.name")).isNull();
    assertThat(Selectors.pinned("spec.x=1,metadata.namespace=ns", "metadata.namespace"))
        .isEqualTo("ns");
  }

  @Test
  void aSelectorOnNameAndNamespaceReadsTheStoredKeyOnly() {
    Stored eu = new Stored("v1", "shops", "eu", 1, new byte[0], Map.of("app", "web"));
    assertThat(ApiOperations.selector(null, "metadata.name=eu").test(eu)).isTrue();
    assertThat(
            ApiOperations.selector("app=web", "metadata.name=eu,metadata.namespace=shops").test(eu))
        .isTrue();
    assertThat(ApiOperations.selector(null, "metadata.namespace=other").test(eu)).isFalse();
    assertThat(ApiOperations.selector("app=db", "metadata.name=eu").test(eu)).isFalse();
  }
}
