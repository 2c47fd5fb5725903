package dev.shopset.shopctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionApproval;
import dev.shopset.contracts.resources.PromotionApprovalSpec.Decision;
import dev.shopset.contracts.resources.PromotionPolicy;
import dev.shopset.contracts.resources.PromotionStatus;
import dev.shopset.contracts.resources.PromotionStatus.Phase;
import dev.shopset.contracts.resources.Subjects;
import dev.shopset.contracts.resources.Tier;
import dev.shopset.contracts.resources.TierSpec;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code shopctl approve|reject}: a PromotionApproval in the caller's name (here {@code --as}, as
 * the in-memory API has no authentication), refused for Promotions not waiting for approvals; and
 * {@code shopctl tiers} listing what waits.
 */
class ApprovalCommandsIT {

  static ApiFixture api;

  @BeforeAll
  static void seed() throws Exception {
    api = new ApiFixture();
    api.tier("dev", 0, "prod", false);
    Tier prod = api.tier("prod", 1, null, false);
    TierSpec s = prod.getSpec();
    prod.setSpec(
        new TierSpec(
            s.rank(),
            s.branch(),
            s.appRepository(),
            s.systemRepository(),
            s.promotesTo(),
            s.namespaceSelector(),
            s.clusters(),
            s.frozen(),
            new PromotionPolicy(
                null,
                new PromotionPolicy.Approvals(
                    2, new Subjects(List.of("alice", "bob"), null), false, null))));
    api.client.resource(prod).update();
  }

  @BeforeEach
  void nothingYet() {
    api.client.resources(PromotionApproval.class).delete();
    api.client.resources(Promotion.class).delete();
    await().until(() -> api.client.resources(Promotion.class).list().getItems().isEmpty());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  /** shopctl promote, then the status the watcher writes while it waits. */
  private static String pending(int approvals) {
    assertThat(api.run("promote", "dev").exit()).isZero();
    Promotion p = api.client.resources(Promotion.class).list().getItems().getFirst();
    List<PromotionStatus.Approval> given =
        approvals == 0
            ? null
            : List.of(new PromotionStatus.Approval("bob", "slack", "2026-12-02T00:00:00Z", null));
    p.setStatus(
        new PromotionStatus(
            Phase.PendingApproval,
            null,
            null,
            null,
            "WaitingForApprovals",
            "Waiting",
            "2026-12-02T00:00:00Z",
            p.getMetadata().getGeneration(),
            p.getSpec().requestedBy(),
            2,
            given,
            null,
            "2026-12-03T00:00:00Z",
            null));
    api.client.resource(p).updateStatus();
    return p.getMetadata().getName();
  }

  @Test
  void approveCreatesAnApprovalInTheCallersNameAndSaysSo() {
    String name = pending(0);

    ApiFixture.Result r = api.run("approve", name, "--as", "alice", "--reason", "tested on dev");

    assertThat(r.exit()).as(r.err()).isZero();
    PromotionApproval a =
        api.client.resources(PromotionApproval.class).list().getItems().getFirst();
    assertThat(a.getSpec().promotion()).isEqualTo(name);
    assertThat(a.getSpec().decision()).isEqualTo(Decision.Approve);
    assertThat(a.getSpec().approver()).isEqualTo("alice");
    assertThat(a.getSpec().via()).isEqualTo("shopctl");
    assertThat(a.getSpec().reason()).isEqualTo("tested on dev");
    assertThat(r.out())
        .isEqualTo(
            "Approved Promotion "
                + name
                + " as alice (PromotionApproval "
                + a.getMetadata().getName()
                + ").\nThe watcher checks it against the Tier's approvers: kubectl get"
                + " promotionapproval "
                + a.getMetadata().getName()
                + ", shopctl tiers.\n");
  }

  @Test
  void rejectRecordsARejection() {
    String name = pending(0);

    ApiFixture.Result r = api.run("reject", name, "--as", "bob", "--reason", "not on a Friday");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("Rejected Promotion " + name + " as bob (PromotionApproval ");
    PromotionApproval a =
        api.client.resources(PromotionApproval.class).list().getItems().getFirst();
    assertThat(a.getSpec().decision()).isEqualTo(Decision.Reject);
  }

  @Test
  void aPromotionNotWaitingForApprovalsIsNotApproved() {
    assertThat(api.run("promote", "dev").exit()).isZero();
    Promotion p = api.client.resources(Promotion.class).list().getItems().getFirst();
    p.setStatus(
        new PromotionStatus(
            Phase.Succeeded,
            "dev",
            "prod",
            null,
            null,
            null,
            "t",
            p.getMetadata().getGeneration()));
    api.client.resource(p).updateStatus();

    ApiFixture.Result r = api.run("approve", p.getMetadata().getName(), "--as", "alice");

    assertThat(r.exit()).isEqualTo(Exit.FAILED);
    assertThat(r.err())
        .isEqualTo(
            "shopctl: Promotion "
                + p.getMetadata().getName()
                + " is not waiting for approvals (it is Succeeded).\n");
    assertThat(api.client.resources(PromotionApproval.class).list().getItems()).isEmpty();
  }

  @Test
  void anUnknownPromotionIsNotFound() {
    ApiFixture.Result r = api.run("approve", "no-such-promotion", "--as", "alice");

    assertThat(r.exit()).isEqualTo(Exit.NOT_FOUND);
    assertThat(r.err()).contains("Promotion no-such-promotion does not exist");
  }

  @Test
  void tiersSaysHowManyApprovalsArStillMissing() {
    String name = pending(1);

    ApiFixture.Result r = api.run("tiers");

    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .endsWith(
            "prod: 1 promotion waiting for 1 more approval ("
                + name
                + " requested by shopset-local): shopctl approve|reject PROMOTION\n");
  }
}
