package dev.shopset.watcher;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/**
 * The repository URL prefixes the platform allows ({@code shopset.repositories.*}), the same
 * setting git-pusher reads: a ShopSet whose Tier or Configuration names a repository outside them
 * is not valid (RepositoryNotAllowed).
 */
@ConfigMapping(prefix = "shopset.repositories")
public interface RepositoriesConfig {

  /** Allowed URL prefixes, e.g. {@code https://git.example.com/shops/}; none: nothing allowed. */
  Optional<List<String>> prefixes();
}
