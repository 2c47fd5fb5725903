package dev.shopset.watcher.domain;

import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.contracts.resources.ConfigurationStatus;
import dev.shopset.contracts.resources.ConfigurationStatus.TierPin;
import dev.shopset.contracts.resources.ShopSetStatus;
import dev.shopset.contracts.resources.TierStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Computes Tier and Configuration status: what each Tier's system branch pins (learned from the
 * pins a pushed commit moved), its last commit and promotion, how many ShopSets use each. Every
 * method returns empty when the status would say the same as it does now.
 */
public final class SourceStatuses {

  /** At most this many ShopSet names in a Configuration's status (the count is always exact). */
  public static final int MAX_NAMES = 100;

  private SourceStatuses() {}

  /** A Tier's status after a commit pushed to its branch. */
  public static Optional<TierStatus> tierWithCommit(TierStatus current, CommitPushed commit) {
    TierStatus base = orEmpty(current);
    List<TierStatus.Pin> pins = new ArrayList<>(base.pins() == null ? List.of() : base.pins());
    for (CommitPushed.PinMove move : commit.pins()) {
      pins.removeIf(p -> p.path().equals(move.path()));
      pins.add(new TierStatus.Pin(move.path(), move.repository(), move.branch(), move.to()));
    }
    pins.sort(Comparator.comparing(TierStatus.Pin::path));
    TierStatus next =
        new TierStatus(
            base.observedGeneration(),
            base.conditions(),
            List.copyOf(pins),
            new ShopSetStatus.LastCommit(
                commit.sha(), commit.branch(), commit.committedAt().toString()),
            base.lastPromotion(),
            base.shopSets());
    return changed(current, next);
  }

  /** A Tier's status after a Promotion into it (or a rollback of it) ended. */
  public static Optional<TierStatus> tierWithPromotion(
      TierStatus current, PromotionResult result, boolean rollback, Instant now) {
    TierStatus base = orEmpty(current);
    TierStatus.LastPromotion promotion =
        new TierStatus.LastPromotion(
            result.promotion(),
            result.outcome() == PromotionResult.Outcome.SUCCEEDED ? "Succeeded" : "Failed",
            result.commit(),
            rollback ? true : null,
            now.toString());
    TierStatus.LastPromotion last = base.lastPromotion();
    if (last != null && sameIgnoringTime(last, promotion)) {
      return Optional.empty();
    }
    return changed(
        current,
        new TierStatus(
            base.observedGeneration(),
            base.conditions(),
            base.pins(),
            base.lastCommit(),
            promotion,
            base.shopSets()));
  }

  /** A Tier's status with its generation seen and the number of ShopSets that use it. */
  public static Optional<TierStatus> tierWithCount(
      TierStatus current, long generation, int shopSets) {
    TierStatus base = orEmpty(current);
    return changed(
        current,
        new TierStatus(
            generation,
            base.conditions(),
            base.pins(),
            base.lastCommit(),
            base.lastPromotion(),
            shopSets));
  }

  /**
   * A Configuration's status after a commit of {@code tier}'s branch pinned it at {@code commit}.
   */
  public static Optional<ConfigurationStatus> configurationWithPin(
      ConfigurationStatus current, String tier, String branch, String commit) {
    ConfigurationStatus base = orEmpty(current);
    List<TierPin> pins = new ArrayList<>(base.pins() == null ? List.of() : base.pins());
    pins.removeIf(p -> p.tier().equals(tier));
    pins.add(new TierPin(tier, branch, commit));
    pins.sort(Comparator.comparing(TierPin::tier));
    return changed(
        current,
        new ConfigurationStatus(
            base.observedGeneration(),
            base.conditions(),
            List.copyOf(pins),
            base.shopSetCount(),
            base.shopSets()));
  }

  /** A Configuration's status with its generation seen and the ShopSets (names) that use it. */
  public static Optional<ConfigurationStatus> configurationWithUsers(
      ConfigurationStatus current, long generation, List<String> shopSets) {
    ConfigurationStatus base = orEmpty(current);
    List<String> names = shopSets.stream().sorted().limit(MAX_NAMES).toList();
    return changed(
        current,
        new ConfigurationStatus(
            generation, base.conditions(), base.pins(), shopSets.size(), names));
  }

  private static boolean sameIgnoringTime(TierStatus.LastPromotion a, TierStatus.LastPromotion b) {
    return Objects.equals(a.name(), b.name())
        && Objects.equals(a.phase(), b.phase())
        && Objects.equals(a.commit(), b.commit())
        && Objects.equals(a.rollback(), b.rollback());
  }

  private static TierStatus orEmpty(TierStatus current) {
    return current == null ? new TierStatus(null, null, null, null, null, null) : current;
  }

  private static ConfigurationStatus orEmpty(ConfigurationStatus current) {
    return current == null ? new ConfigurationStatus(null, null, null, null, null) : current;
  }

  private static <T> Optional<T> changed(T current, T next) {
    return Objects.equals(current, next) ? Optional.empty() : Optional.of(next);
  }
}
