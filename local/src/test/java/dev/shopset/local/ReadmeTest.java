package dev.shopset.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README is what a new user follows: its commands and its configuration reference hold. */
class ReadmeTest {

  private static final Path ROOT = Path.of("..");
  private static final Pattern SETTING =
      Pattern.compile("^((?:watcher|shopset|notifier)\\.[a-z0-9.-]+)=", Pattern.MULTILINE);
  private static final Pattern ENV = Pattern.compile("\\$\\{([A-Z0-9_]+):");

  @Test
  void opensWithTheRunAndTestCommandsThatCiUses() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String firstBlock =
        readme.substring(
            readme.indexOf("```sh"), readme.indexOf("```\n", readme.indexOf("```sh") + 5));
    assertThat(firstBlock).contains("./shopset run").contains("./shopset test");
    assertThat(readme.indexOf("```sh"))
        .as("the commands come before any section")
        .isLessThan(readme.indexOf("\n## "));
    assertThat(Files.readString(ROOT.resolve(".ci/run"))).contains("exec ./shopset test");
    assertThat(Files.readString(ROOT.resolve("shopset")))
        .contains("run)")
        .contains("dev.shopset.local.LocalRun")
        .contains("test)");
  }

  @Test
  void documentsEverySettingAndVariableOfEveryService() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    for (String service : LocalRun.SERVICES) {
      String properties =
          Files.readString(
              ROOT.resolve(service).resolve("src/main/resources/application.properties"));
      Matcher setting = SETTING.matcher(properties);
      List<String> settings = setting.results().map(m -> m.group(1)).toList();
      assertThat(settings).as(service + " has settings").isNotEmpty();
      for (String name : settings) {
        assertThat(readme)
            .as("README documents " + name + " of " + service)
            .contains("`" + name + "`");
      }
      for (String variable : ENV.matcher(properties).results().map(m -> m.group(1)).toList()) {
        assertThat(readme).as("README names " + variable + " of " + service).contains(variable);
      }
    }
  }
}
