package dev.shopset.gitpusher.config;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/**
 * The repository URL prefixes the platform allows ({@code shopset.repositories.prefixes}, env
 * {@code SHOPSET_REPOSITORY_PREFIXES}, comma-separated): the setting the watcher reads too. A URL
 * outside every prefix is refused before any network call.
 */
@ConfigMapping(prefix = "shopset.repositories")
public interface RepositoriesConfig {
  Optional<List<String>> prefixes();
}
