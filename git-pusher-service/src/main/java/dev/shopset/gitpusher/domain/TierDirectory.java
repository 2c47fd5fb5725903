package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.ShopSetDesired.ConfigurationState;
import dev.shopset.contracts.events.ShopSetDesired.TierState;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Tiers this service has seen in the desired state (name, rank, branch, app repository, what
 * they promote to, which configuration repositories their ShopSets use), so that a missing tier
 * branch of an app or configuration repository can be created from the branch of the tier below.
 */
public final class TierDirectory {

  /** Where a missing branch is to start. */
  public sealed interface Origin {
    /** From the head of the tier below's branch. */
    record TierBelow(String branch) implements Origin {}

    /** From the repository's default branch: the first tier, or no tier below is known. */
    record DefaultBranch() implements Origin {}

    /** Not to be created now; {@code why} says what is missing. */
    record Unknown(String why) implements Origin {}
  }

  private final Map<String, TierState> tiers = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> configurationTiers = new ConcurrentHashMap<>();
  private volatile boolean loaded;

  /** Records the Tier and Configuration of one desired ShopSet. */
  public void learn(TierState tier, ConfigurationState configuration) {
    tiers.put(tier.name(), tier);
    if (configuration != null) {
      configurationTiers
          .computeIfAbsent(
              RepositoryUrls.normalize(configuration.repository().url()),
              k -> ConcurrentHashMap.newKeySet())
          .add(tier.name());
    }
  }

  /** The desired state as it stood at startup has been read; earlier, every origin is unknown. */
  public void markLoaded() {
    loaded = true;
  }

  public boolean loaded() {
    return loaded;
  }

  /** Where the missing {@code branch} of {@code repository} is to be created from. */
  public Origin originOf(String repository, String branch) {
    if (!loaded) {
      return new Origin.Unknown("the desired state is still being read");
    }
    List<TierState> candidates =
        tiers.values().stream()
            .filter(t -> t.branch().equals(branch))
            .sorted(Comparator.comparing(TierState::name))
            .toList();
    Optional<TierState> tier =
        candidates.stream()
            .filter(t -> uses(t, repository))
            .findFirst()
            .or(() -> candidates.stream().findFirst());
    if (tier.isEmpty()) {
      return new Origin.Unknown("no Tier with branch " + branch + " is known");
    }
    return below(tier.get())
        .<Origin>map(t -> new Origin.TierBelow(t.branch()))
        .orElseGet(Origin.DefaultBranch::new);
  }

  /** The tier that promotes to this one, else the highest-ranked lower tier on the same app. */
  private Optional<TierState> below(TierState tier) {
    String app = RepositoryUrls.normalize(tier.appRepository().url());
    List<TierState> sameApp =
        tiers.values().stream()
            .filter(t -> !t.name().equals(tier.name()))
            .filter(t -> RepositoryUrls.normalize(t.appRepository().url()).equals(app))
            .filter(t -> !t.branch().equals(tier.branch()))
            .toList();
    Comparator<TierState> byRank =
        Comparator.comparingInt(TierState::rank).thenComparing(TierState::name);
    Optional<TierState> promoting =
        sameApp.stream().filter(t -> tier.name().equals(t.promotesTo())).max(byRank);
    if (promoting.isPresent()) {
      return promoting;
    }
    return sameApp.stream().filter(t -> t.rank() < tier.rank()).max(byRank);
  }

  private boolean uses(TierState tier, String repository) {
    String url = RepositoryUrls.normalize(repository);
    return RepositoryUrls.normalize(tier.appRepository().url()).equals(url)
        || configurationTiers.getOrDefault(url, Set.of()).contains(tier.name());
  }
}
