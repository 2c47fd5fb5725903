package dev.shopset.gitpusher.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.PinRequested;
import dev.shopset.contracts.events.ShopSetDesired.TierState;
import dev.shopset.contracts.events.SourceChanged;
import dev.shopset.contracts.retry.Backoff;
import dev.shopset.gitpusher.domain.PinDirectory;
import dev.shopset.gitpusher.testing.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceRouterTest {

  static final String APP = "https://git.example/app.git";
  static final String CONFIG = "https://git.example/config.git";
  static final String SYS_A = "https://git.example/system-a.git";
  static final String SYS_B = "https://git.example/system-b.git";
  static final String OLD = "1".repeat(40);
  static final String NEW = "2".repeat(40);

  static TierState prod(String system, boolean frozen) {
    TierState t = Fixtures.tier("prod", 1, "prod", null, APP, system);
    return new TierState(
        t.name(),
        t.rank(),
        t.branch(),
        t.appRepository(),
        t.systemRepository(),
        t.promotesTo(),
        t.clusters(),
        frozen);
  }

  final List<PinRequested> sent = new ArrayList<>();
  final PinDirectory directory = new PinDirectory();
  final SourceRouter router =
      new SourceRouter(
          directory, sent::add, new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)));

  @Test
  void aFrozenTiersBranchGetsNoPinRequestWhileTheOthersDo() throws Exception {
    directory.learn(Fixtures.desired("eu", "a", prod(SYS_A, true), CONFIG));
    directory.learn(Fixtures.desired("us", "b", prod(SYS_B, false), CONFIG));
    directory.markLoaded();
    int routed = router.route(new SourceChanged(APP, "prod", OLD, NEW));
    assertThat(routed).isEqualTo(1);
    assertThat(sent).extracting(PinRequested::systemRepository).containsExactly(SYS_B);
  }

  @Test
  void aRollbackReachesAFrozenTierAndAThawedTierIsPinnedAgain() throws Exception {
    directory.learn(Fixtures.desired("eu", "a", prod(SYS_A, true), CONFIG));
    directory.markLoaded();
    router.route(new SourceChanged(APP, "prod", NEW, OLD, true));
    assertThat(sent).singleElement().satisfies(p -> assertThat(p.rollback()).isTrue());
    sent.clear();
    router.route(new SourceChanged(APP, "prod", OLD, NEW));
    assertThat(sent).isEmpty();
    directory.learn(Fixtures.desired("eu", "a", prod(SYS_A, false), CONFIG));
    router.route(new SourceChanged(APP, "prod", OLD, NEW));
    assertThat(sent).singleElement().satisfies(p -> assertThat(p.head()).isEqualTo(NEW));
  }
}
