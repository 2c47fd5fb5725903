package dev.shopset.contracts.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryPolicyTest {

  private static final RepositoryPolicy POLICY =
      RepositoryPolicy.allowing(
          List.of("https://git.example.com/shops", "ssh://git@git.example.com/platform/"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://git.example.com/shops/app.git",
        "HTTPS://Git.Example.com/shops/team-a/config.git",
        "https://git.example.com/shops/app.git/",
        "ssh://git@git.example.com/platform/system.git",
        "git@git.example.com:platform/system.git"
      })
  void urlsUnderAnAllowedPrefixAreAllowed(String url) {
    assertThat(POLICY.refusal(url)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "https://git.example.com/shopping/app.git | not under an allowed prefix",
        "https://evil.example.com/shops/app.git | not under an allowed prefix",
        "file:///srv/git/app.git | local path or file://",
        "/srv/git/app.git | local path or file://",
        "ext::sh%20-c%20touch%20x | transport helper",
        "ssh://-oProxyCommand=touch%20x/platform/a.git | invalid host name",
        "ssh://git@git.example.com/-oProxyCommand=x | path segment starting with '-'",
        "https://user:secret@git.example.com/shops/app.git | carries credentials",
        "https://token@git.example.com/shops/app.git | carries credentials",
        "https://git.example.com/shops/../other/app.git | '..' path segment",
        "git://git.example.com/shops/app.git | not an https://",
      })
  void refusedUrlsSayWhy(String url, String why) {
    assertThat(POLICY.refusal(url)).get().asString().contains(why);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://git.example.com/shops/app.git", "file:///x"})
  void aPolicyWithoutPrefixesAllowsNothingAndNamesTheSetting(String url) {
    assertThat(RepositoryPolicy.allowing(List.of()).refusal(url)).isPresent();
    assertThat(RepositoryPolicy.allowing(List.of()).refusal("https://git.example.com/a.git"))
        .get()
        .asString()
        .contains("SHOPSET_REPOSITORY_PREFIXES");
  }

  @ParameterizedTest
  @CsvSource({
    "https://git.example.com/shops/team-a/app.git, https://git.example.com/shops/",
    "git@git.example.com:platform/system.git, ssh://git@git.example.com/platform/"
  })
  void theLongestMatchingPrefixIsFound(String url, String prefix) {
    var policy =
        RepositoryPolicy.allowing(
            List.of(
                "https://git.example.com/",
                "https://git.example.com/shops/",
                "ssh://git@git.example.com/platform"));
    assertThat(policy.prefixOf(url))
        .contains(
            prefix.equals("https://git.example.com/shops/")
                ? "https://git.example.com/shops/"
                : prefix);
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///srv", "ext::x", "https://u:p@h/x"})
  void aPrefixThatIsNotAnAllowedKindOfUrlIsAConfigurationError(String prefix) {
    assertThatThrownBy(() -> RepositoryPolicy.allowing(List.of(prefix)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(prefix);
  }
}
