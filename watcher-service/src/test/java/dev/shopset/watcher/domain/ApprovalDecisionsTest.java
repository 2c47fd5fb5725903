package dev.shopset.watcher.domain;

import static dev.shopset.contracts.testing.Fixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionApproval;
import dev.shopset.contracts.resources.PromotionApprovalSpec;
import dev.shopset.contracts.resources.PromotionApprovalSpec.Decision;
import dev.shopset.contracts.resources.PromotionPolicy;
import dev.shopset.contracts.resources.PromotionSpec;
import dev.shopset.contracts.resources.PromotionStatus.Phase;
import dev.shopset.contracts.resources.Subjects;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalDecisionsTest {

  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
  private final List<PromotionApproval> approvals = new ArrayList<>();

  @Test
  void aTierWithoutApprovalsRunsAtOnce() {
    var d = decide(requested("alice"), prod(null));

    assertThat(d.run()).isTrue();
    assertThat(d.status()).isNull();
  }

  @Test
  void aPromotionWaitsForTheRequiredApprovals() {
    var d = decide(requested("alice"), prod(policy(2, false)));

    assertThat(d.run()).isFalse();
    assertThat(d.status().phase()).isEqualTo(Phase.PendingApproval);
    assertThat(d.status().message()).contains("Waiting for 2 more approvals (0 of 2)");
    assertThat(d.status().requestedBy()).isEqualTo("alice");
    assertThat(d.status().expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)).toString());
    assertThat(d.status().conditions())
        .anySatisfy(c -> {
          assertThat(c.type()).isEqualTo("Approved");
          assertThat(c.status()).isEqualTo("Unknown");
        });
  }

  @Test
  void twoDistinctAllowedApproversLetItRun() {
    approve("a1", "bob", Decision.Approve);
    approve("a2", "bob", Decision.Approve);
    var d = decide(requested("alice"), prod(policy(2, false)));
    assertThat(d.run()).isFalse();
    assertThat(d.verdicts().get("a2").reason()).isEqualTo(ApprovalDecisions.ALREADY_APPROVED);

    approve("a3", "carol", Decision.Approve);
    d = decide(requested("alice"), prod(policy(2, false)));
    assertThat(d.run()).isTrue();
    assertThat(d.gate().approvals()).extracting(a -> a.by()).containsExactly("bob", "carol");
  }

  @Test
  void theRequesterCannotApproveTheirOwnPromotionUnlessTheTierAllowsIt() {
    approve("a1", "alice", Decision.Approve);

    var d = decide(requested("alice"), prod(policy(1, false)));
    assertThat(d.run()).isFalse();
    assertThat(d.status().reason()).isEqualTo(ApprovalDecisions.SELF_APPROVAL);
    assertThat(d.status().message()).contains("alice requested Promotion 'p1' and may not approve");
    assertThat(d.verdicts().get("a1").counted()).isFalse();

    assertThat(decide(requested("alice"), prod(policy(1, true))).run()).isTrue();
  }

  @Test
  void anApproverTheTierDoesNotNameIsRefusedWithTheReason() {
    approve("a1", "mallory", Decision.Approve);

    var d = decide(requested("alice"), prod(policy(1, false)));

    assertThat(d.run()).isFalse();
    assertThat(d.status().reason()).isEqualTo(ApprovalDecisions.NOT_ALLOWED);
    assertThat(d.status().message())
        .contains("mallory may not approve or reject Promotions into Tier 'prod'");
    assertThat(d.verdicts().get("a1").reason()).isEqualTo(ApprovalDecisions.NOT_ALLOWED);
  }

  @Test
  void approversCountThroughTheirGroups() {
    PromotionApproval a = approve("a1", "dave", Decision.Approve);
    a.setSpec(
        new PromotionApprovalSpec(
            "p1", Decision.Approve, null, "dave", List.of("release-managers"), "shopctl"));

    assertThat(decide(requested("alice"), prod(policy(1, false))).run()).isTrue();
  }

  @Test
  void oneRejectionRejects() {
    approve("a1", "bob", Decision.Reject).getSpec();
    var d = decide(requested("alice"), prod(policy(2, false)));

    assertThat(d.status().phase()).isEqualTo(Phase.Rejected);
    assertThat(d.status().rejectedBy()).isEqualTo("bob");
  }

  @Test
  void aPromotionNotApprovedInTimeExpires() {
    Promotion p = requested("alice");
    var pending = decide(p, prod(policy(2, false))).status();
    p.setStatus(pending);

    var d =
        ApprovalDecisions.decide(
            p, prod(policy(2, false)), approvals, NOW.plus(Duration.ofHours(25)));

    assertThat(d.status().phase()).isEqualTo(Phase.Expired);
  }

  @Test
  void aRequesterWhoIsNotAPromoterFailsNotAllowed() {
    var policy =
        new PromotionPolicy(new Subjects(List.of("alice"), null), policy(1, false).approvals());

    var d = decide(requested("mallory"), prod(policy));

    assertThat(d.run()).isFalse();
    assertThat(d.status().phase()).isEqualTo(Phase.Failed);
    assertThat(d.status().reason()).isEqualTo(ApprovalDecisions.NOT_ALLOWED);
    assertThat(d.status().message()).contains("mallory may not promote into Tier 'prod'");
  }

  @Test
  void anApprovalAfterThePromotionRanIsNotPending() {
    Promotion p = requested("alice");
    p.setStatus(
        new dev.shopset.contracts.resources.PromotionStatus(
            Phase.Succeeded, "dev", "prod", "abc", null, null, NOW.toString(), 1L));
    approve("late", "bob", Decision.Approve);

    var d = decide(p, prod(policy(1, false)));

    assertThat(d.run()).isFalse();
    assertThat(d.verdicts().get("late").reason()).isEqualTo(ApprovalDecisions.NOT_PENDING);
  }

  @Test
  void aResyncWithNothingNewGivesTheSameStatus() {
    Promotion p = requested("alice");
    approve("a1", "bob", Decision.Approve);
    var first = decide(p, prod(policy(2, false))).status();
    p.setStatus(first);

    var again = ApprovalDecisions.decide(p, prod(policy(2, false)), approvals, NOW.plusSeconds(30));

    assertThat(PromotionStatuses.same(first, again.status())).isTrue();
  }

  private ApprovalDecisions.Decision decide(Promotion p, Tier target) {
    return ApprovalDecisions.decide(p, target, approvals, NOW);
  }

  private PromotionApproval approve(String name, String by, Decision decision) {
    PromotionApproval a = new PromotionApproval();
    a.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withCreationTimestamp(NOW.plusSeconds(approvals.size()).toString())
            .build());
    a.setSpec(new PromotionApprovalSpec("p1", decision, "ok", by, null, "shopctl"));
    approvals.add(a);
    return a;
  }

  private static Promotion requested(String by) {
    Promotion p = new Promotion();
    p.setMetadata(new ObjectMetaBuilder().withName("p1").withGeneration(1L).build());
    p.setSpec(new PromotionSpec("dev").requestedBy(by, null));
    return p;
  }

  static PromotionPolicy policy(int required, boolean self) {
    return new PromotionPolicy(
        null,
        new PromotionPolicy.Approvals(
            required,
            new Subjects(List.of("alice", "bob", "carol"), List.of("release-managers")),
            self,
            null));
  }

  static Tier prod(PromotionPolicy policy) {
    TierSpec base = tier("prod", "https://s.git", null).getSpec();
    return tier(
        "prod",
        new TierSpec(
            base.rank(),
            base.branch(),
            base.appRepository(),
            base.systemRepository(),
            null,
            base.namespaceSelector(),
            base.clusters(),
            null,
            policy));
  }
}
