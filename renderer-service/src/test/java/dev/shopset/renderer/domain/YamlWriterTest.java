package dev.shopset.renderer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YamlWriterTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void writesBlockStyleInInsertionOrder() {
    String yaml =
        YamlWriter.write(
            Maps.of("b", 1, "a", List.of("x", Maps.of("k", "v", "m", List.of())), "c", Maps.of()));
    assertThat(yaml).isEqualTo("b: 1\na:\n- x\n- k: v\n  m: []\nc: {}\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "true",
        "no",
        "Y",
        "null",
        "~",
        "1",
        "0x1f",
        "1e3",
        ".5",
        ".inf",
        "250m",
        "",
        " leading",
        "a: b",
        "#channel",
        "x #y",
        "multi\nline",
        "tab\there",
        "quote\"s",
        "back\\slash",
        "- dash",
        "[a]",
        "{a}",
        "*ref",
        "&anchor",
        "!tag",
        "%dir",
        "@at",
        "`b",
        "ünïcode",
        "\u2028",
        "\u0007bell",
        "a,b",
        "ends:",
        "'single'",
        "|",
        ">",
        "? q",
        "emoji 😀"
      })
  void everyStringReadsBackAsTheSameString(String value) throws Exception {
    JsonNode read = YAML.readTree(YamlWriter.write(Maps.of("key", value)));
    assertThat(read.get("key").isTextual()).as("%s is read as text", value).isTrue();
    assertThat(read.get("key").asText()).isEqualTo(value);
  }

  @Test
  void plainOnlyWhenUnambiguous() {
    assertThat(YamlWriter.isPlain("../../../base/deploy")).isTrue();
    assertThat(YamlWriter.isPlain("https://git.example.com/a.git")).isTrue();
    assertThat(YamlWriter.isPlain("shopset.dev/shopset")).isTrue();
    assertThat(YamlWriter.isPlain("true")).isFalse();
    assertThat(YamlWriter.isPlain("3")).isFalse();
    assertThat(YamlWriter.isPlain(".nan")).isFalse();
  }

  @Test
  void numbersAndBooleansStayTyped() throws Exception {
    JsonNode read = YAML.readTree(YamlWriter.write(Map.of("n", 3, "b", true)));
    assertThat(read.get("n").isInt()).isTrue();
    assertThat(read.get("b").isBoolean()).isTrue();
  }
}
