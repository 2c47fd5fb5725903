package dev.shopset.watcher.kubernetes;

import dev.shopset.contracts.testing.Fixtures;
import dev.shopset.watcher.RepositoriesConfig;
import java.util.List;
import java.util.Optional;

/** The repository policy of the tests: the fixtures' prefix, and the loopback git servers. */
final class TestRepositories implements RepositoriesConfig {

  static final TestRepositories INSTANCE = new TestRepositories();

  @Override
  public Optional<List<String>> prefixes() {
    return Optional.of(List.of(Fixtures.PREFIX, "http://127.0.0.1/", "https://s.git/"));
  }
}
