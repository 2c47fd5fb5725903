package dev.shopset.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.cloudevents.TraceContext;
import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.ReplicaCounts;
import dev.shopset.contracts.events.Rollout;
import dev.shopset.contracts.events.RolloutSucceeded;
import dev.shopset.contracts.events.ShopSetRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EventLineTest {

  @Test
  void commitNamesBranchShaAndShopSets() {
    var commit =
        new CommitPushed(
            "http://git/system.git",
            "tier-0",
            "0123456789abcdef0123456789abcdef01234567",
            List.of(
                new ShopSetRef("ns", "a", 1),
                new ShopSetRef("ns", "b", 1),
                new ShopSetRef("ns", "c", 2),
                new ShopSetRef("ns", "d", 1)),
            8,
            "Render 4 ShopSets",
            Instant.EPOCH);
    assertThat(EventLine.of(commit))
        .isEqualTo("commit    tier-0 01234567 \"Render 4 ShopSets\" (8 file(s); a, b, c +1)");
  }

  @Test
  void aLineEndsWithTheTraceIdOfTheChangeItBelongsTo() {
    var failed =
        new CommitFailed("http://git/system.git", "tier-0", List.of(), "Unavailable", "down");
    var trace = TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null);
    assertThat(EventLine.of(failed, trace))
        .isEqualTo("FAILED    tier-0: Unavailable: down  trace 4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(EventLine.of(failed, null)).isEqualTo("FAILED    tier-0: Unavailable: down");
  }

  @Test
  void failureSaysWhy() {
    var failed =
        new CommitFailed("r", "tier-1", List.of(), "AuthenticationFailed", "bad token in Secret x");
    assertThat(EventLine.of(failed))
        .isEqualTo("FAILED    tier-1: AuthenticationFailed: bad token in Secret x");
  }

  @Test
  void rolloutSuccessGivesDuration() {
    var rollout =
        new Rollout(
            "shops",
            "web",
            "eu-1",
            "tier-0",
            3,
            new TreeMap<>(),
            new TreeMap<>(Map.of()),
            null,
            Instant.EPOCH);
    var succeeded =
        new RolloutSucceeded(rollout, new ReplicaCounts(2, 2, 2, 2, 0), Instant.EPOCH, 42_000);
    assertThat(EventLine.of(succeeded)).isEqualTo("rollout   shops/web rev 3 succeeded in 42 s");
  }
}
