package dev.shopset.watcher.kubernetes;

import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.Keys;
import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.contracts.join.RepositoryPolicy;
import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.watcher.domain.SourceStatuses;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Writes Tier and Configuration status: the ShopSet counts (reconciled from the informer indexes
 * when a ShopSet, Tier or Configuration changes), and the pins, last commit and last promotion
 * learned from {@code shopset.commits} and {@code shopset.promotion-results}.
 */
@ApplicationScoped
public class SourceStatusService {

  private static final String CONFIG_PREFIX = "config/";

  private final Informers informers;
  private final StatusWriter status;

  public SourceStatusService(Informers informers, StatusWriter status) {
    this.informers = informers;
    this.status = status;
  }

  void reconcileTier(String name) {
    Tier tier = informers.tiers().get(name);
    if (tier == null) {
      return;
    }
    long generation = generation(tier.getMetadata().getGeneration());
    int count = informers.shopSets().byIndex(Informers.BY_TIER, name).size();
    if (SourceStatuses.tierWithCount(tier.getStatus(), generation, count).isPresent()) {
      status.tierUntilWritten(
          name, fresh -> SourceStatuses.tierWithCount(fresh.getStatus(), generation, count));
    }
  }

  void reconcileConfiguration(String key) {
    Configuration configuration = informers.configurations().get(key);
    if (configuration == null) {
      return;
    }
    long generation = generation(configuration.getMetadata().getGeneration());
    List<String> users =
        informers.shopSets().byIndex(Informers.BY_CONFIGURATION, key).stream()
            .map(s -> s.getMetadata().getName())
            .toList();
    if (SourceStatuses.configurationWithUsers(configuration.getStatus(), generation, users)
        .isPresent()) {
      status.configurationUntilWritten(
          configuration.getMetadata().getNamespace(),
          configuration.getMetadata().getName(),
          fresh -> SourceStatuses.configurationWithUsers(fresh.getStatus(), generation, users));
    }
  }

  /**
   * Records a pushed commit in the status of the Tiers on its branch and the Configurations it
   * pins.
   */
  public void record(CommitPushed commit) {
    for (Tier tier : tiersOn(commit.systemRepository(), commit.branch())) {
      String name = tier.getMetadata().getName();
      status.tierUntilWritten(
          name, fresh -> SourceStatuses.tierWithCommit(fresh.getStatus(), commit));
      for (CommitPushed.PinMove pin : commit.pins()) {
        String[] parts = pin.path().startsWith(CONFIG_PREFIX) ? pin.path().split("/") : null;
        if (parts == null || parts.length != 3) {
          continue;
        }
        status.configurationUntilWritten(
            parts[1],
            parts[2],
            fresh ->
                SourceStatuses.configurationWithPin(
                    fresh.getStatus(), name, commit.branch(), pin.to()));
      }
    }
  }

  /** Records a finished Promotion (or rollback) in the status of the Tier it moved. */
  public void record(PromotionResult result) {
    boolean rollback = result.fromBranch().equals(result.toBranch());
    for (Tier tier : informers.tiers().list()) {
      var spec = tier.getSpec();
      if (spec != null
          && spec.appRepository() != null
          && same(spec.appRepository().url(), result.appRepository())
          && spec.branchOr(tier.getMetadata().getName()).equals(result.toBranch())) {
        status.tierUntilWritten(
            tier.getMetadata().getName(),
            fresh ->
                SourceStatuses.tierWithPromotion(
                    fresh.getStatus(), result, rollback, Instant.now()));
      }
    }
  }

  private List<Tier> tiersOn(String systemRepository, String branch) {
    return informers.tiers().list().stream()
        .filter(t -> t.getSpec() != null && t.getSpec().systemRepository() != null)
        .filter(t -> same(t.getSpec().systemRepository().url(), systemRepository))
        .filter(t -> t.getSpec().branchOr(t.getMetadata().getName()).equals(branch))
        .toList();
  }

  private static boolean same(String a, String b) {
    return Objects.equals(
        RepositoryPolicy.normalize(a).orElse(a), RepositoryPolicy.normalize(b).orElse(b));
  }

  private static long generation(Long generation) {
    return generation == null ? 0 : generation;
  }

  /** The key a Configuration is queued under. */
  static String key(String namespace, String name) {
    return Keys.object(namespace, name);
  }
}
