package dev.shopset.renderer.config;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/**
 * The repository URL prefixes the platform allows ({@code shopset.repositories.prefixes}, env
 * {@code SHOPSET_REPOSITORY_PREFIXES}): the same setting the watcher reads, so a preview refuses
 * what the watcher would.
 */
@ConfigMapping(prefix = "shopset.repositories")
public interface RepositoriesConfig {

  /** Allowed URL prefixes, comma-separated; absent: none is allowed. */
  Optional<List<String>> prefixes();
}
