package dev.shopset.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shopset.contracts.resources.Promotion;
import dev.shopset.contracts.resources.PromotionApproval;
import dev.shopset.contracts.resources.PromotionPolicy;
import dev.shopset.contracts.resources.PromotionStatus;
import dev.shopset.contracts.resources.PromotionStatus.Phase;
import dev.shopset.contracts.resources.Subjects;
import dev.shopset.contracts.resources.TierSpec;
import dev.shopset.notifier.slack.SlackInteractions;
import dev.shopset.notifier.slack.SlackStub;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A release into a Tier that needs two approvals, against the stack: requested with shopctl (as
 * rita), a self-approval and a disallowed approver refused with their reasons, approved once from
 * the terminal (shopctl approve as alice) and once from Slack (bob's signed click on the notifier's
 * /slack/interactions; an unmapped user is told so, a forged click refused, a mapped user the Tier
 * does not name refused by the watcher), then run: the app repository's prod branch and prod's base
 * pin hold the commit (checked with the git CLI). Then rolled back from the message's Roll back
 * button: refused for mallory, asked by rita (prod's promoter), approved by alice and bob, and
 * prod's branch and pin are back at the commit they held before.
 */
@ExtendWith(StackExtension.class)
class ApprovalIT {

  static final String NS = "approval";
  static final String DEV = "approval-dev";
  static final String PROD = "approval-prod";
  static final Duration STEP = Duration.ofSeconds(120);

  static Stack stack;
  static Resources api;
  static SystemRepo system;

  @BeforeAll
  static void platformTeam() {
    stack = StackExtension.stack();
    api = new Resources(stack);
    api.tier(DEV, 0, "system", PROD);
    TierSpec prod = api.tier(PROD, 1, "system", null).getSpec();
    api.tier(
        PROD,
        new TierSpec(
            prod.rank(),
            prod.branch(),
            prod.appRepository(),
            prod.systemRepository(),
            null,
            prod.namespaceSelector(),
            prod.clusters(),
            null,
            new PromotionPolicy(
                new Subjects(List.of("rita"), null),
                new PromotionPolicy.Approvals(
                    2, new Subjects(List.of("rita", "alice", "bob"), null), false, null))));
    api.configuration(NS);
    api.apply(NS, "eu", ReleaseIT.spec(DEV, 2, "berlin"), Map.of());
    api.apply(NS, "eu-live", ReleaseIT.spec(PROD, 3, "paris"), Map.of());
    system = new SystemRepo(stack, "system");
    kubeconfig = stack.kubernetes().writeKubeconfig(stack.scratch().resolve("approval-kubeconfig"));
  }

  static java.nio.file.Path kubeconfig;

  static ReleaseIT.Run shopctl(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    var cl = dev.shopset.shopctl.ShopCtl.commandLine();
    cl.setOut(new java.io.PrintWriter(out));
    cl.setErr(new java.io.PrintWriter(err));
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--kubeconfig", kubeconfig.toString()));
    int exit = cl.execute(all.toArray(String[]::new));
    return new ReleaseIT.Run(exit, out.toString(), err.toString());
  }

  @Test
  void twoApprovalsOneFromTheTerminalOneFromSlackThenProdPinsTheCommit() throws Exception {
    await()
        .atMost(STEP)
        .until(() -> system.gitlink(PROD, "base") != null && system.gitlink(DEV, "base") != null);
    String v2 = AppPushes.push(stack, DEV, "approved release v2");
    await().atMost(STEP).until(() -> v2.equals(system.gitlink(DEV, "base")));
    String before = stack.cli.head(stack.url("app"), PROD);

    ReleaseIT.Run promoted = shopctl("promote", DEV, "--as", "rita");
    assertThat(promoted.exit()).as(promoted.err()).isZero();
    assertThat(promoted.out()).contains(", requested by rita");
    String name = promotionName();
    awaitPhase(name, Phase.PendingApproval);

    // refused: the requester approving their own, and someone the Tier does not name
    ReleaseIT.Run self = shopctl("approve", name, "--as", "rita");
    assertThat(self.exit()).as(self.err()).isZero();
    await()
        .atMost(STEP)
        .untilAsserted(() ->
            assertThat(refusalOf("rita"))
                .contains("rita requested Promotion '" + name + "' and may not approve it too"));
    ReleaseIT.Run mallory = shopctl("approve", name, "--as", "mallory");
    assertThat(mallory.exit()).as(mallory.err()).isZero();
    await()
        .atMost(STEP)
        .untilAsserted(() ->
            assertThat(refusalOf("mallory"))
                .contains("mallory may not approve or reject Promotions into Tier '" + PROD + "'"));
    assertThat(refusals())
        .containsEntry("rita", "SelfApproval")
        .containsEntry("mallory", "NotAllowed");
    assertThat(status(name).phase()).isEqualTo(Phase.PendingApproval);
    assertThat(status(name).approvals()).isNull();

    // approved from the terminal ...
    ReleaseIT.Run alice = shopctl("approve", name, "--as", "alice", "--reason", "tested on dev");
    assertThat(alice.exit()).as(alice.err()).isZero();
    await().atMost(STEP).untilAsserted(() -> assertThat(status(name).approvals()).hasSize(1));
    assertThat(status(name).phase()).isEqualTo(Phase.PendingApproval);
    ReleaseIT.Run tiers = shopctl("tiers");
    assertThat(tiers.out())
        .contains(
            PROD + ": 1 promotion waiting for 1 more approval (" + name + " requested by rita)");

    // ... and from Slack: Eve has no mapping and is told so; mallory's click is refused by the
    // watcher; bob's signed click on the Promotion's message approves it
    assertThat(click("U0EVE", name, "eve").status()).isEqualTo(200);
    await()
        .atMost(STEP)
        .untilAsserted(() ->
            assertThat(stack.slack().ephemerals("eve"))
                .singleElement()
                .satisfies(e -> assertThat(e.text()).contains("is not mapped")));
    Http.Answer forged =
        Http.post(
            stack.service(Stack.NOTIFIER).url("/slack/interactions"),
            "application/x-www-form-urlencoded",
            SlackInteractions.click(stack.slack(), "U0BOB", "shopset_approve", name, "forged")
                .getBytes(StandardCharsets.UTF_8),
            "X-Slack-Request-Timestamp",
            Long.toString(Instant.now().getEpochSecond()),
            "X-Slack-Signature",
            "v0=" + "0".repeat(64));
    assertThat(forged.status()).as("a forged click").isEqualTo(401);
    assertThat(click("U0MALLORY", name, "mallory").status()).isEqualTo(200);
    await()
        .atMost(STEP)
        .untilAsserted(() ->
            assertThat(
                    stack.client().resources(PromotionApproval.class).list().getItems().stream()
                        .filter(a -> "mallory".equals(a.getSpec().approver()))
                        .filter(a -> "slack".equals(a.getSpec().via()))
                        .map(a -> a.getStatus() == null ? null : a.getStatus().reason()))
                .as("mallory's click from Slack, refused")
                .containsExactly("NotAllowed"));
    assertThat(status(name).approvals()).hasSize(1);
    assertThat(click("U0BOB", name, "bob").status()).isEqualTo(200);
    awaitPhase(name, Phase.Succeeded);
    PromotionStatus done = status(name);
    assertThat(done.requestedBy()).isEqualTo("rita");
    assertThat(done.approvals())
        .extracting(a -> a.by() + " via " + a.via())
        .containsExactly("alice via shopctl", "bob via slack");
    assertThat(stack.cli.head(stack.url("app"), PROD)).as("prod's branch").isEqualTo(v2);
    await().atMost(STEP).until(() -> v2.equals(system.gitlink(PROD, "base")));
    // The Promotion's one Slack message says who approved it; its thread keeps the history.
    await()
        .atMost(STEP)
        .untilAsserted(() -> {
          SlackStub.Posted message =
              stack.slack().messages(Stack.DEFAULT_CHANNEL).stream()
                  .filter(m -> m.threadTs() == null)
                  .filter(m -> m.blocks() != null && m.blocks().contains(name))
                  .reduce((a, b) -> {
                    throw new AssertionError("two top-level messages about " + name);
                  })
                  .orElseThrow(() -> new AssertionError("no Slack message about " + name));
          assertThat(message.blocks()).contains("alice").contains("bob");
          assertThat(stack.slack().thread(Stack.DEFAULT_CHANNEL, message.ts()))
              .extracting(SlackStub.Posted::text)
              .anySatisfy(text -> assertThat(text).contains("alice"))
              .anySatisfy(text -> assertThat(text).contains("bob"))
              .anySatisfy(text -> assertThat(text).contains("mallory"));
        });

    rollBackFromSlack(name, before, v2);
  }

  /**
   * The succeeded Promotion's message offers Roll back to what prod held before; mallory's click is
   * refused by the watcher (the thread says who asked and why not); rita's (prod's promoter)
   * becomes a rollback Promotion that, once approved by alice and bob, moves prod's branch and pin
   * back.
   */
  private static void rollBackFromSlack(String name, String before, String v2) {
    assertThat(before).as("prod's head before the release").isNotNull().isNotEqualTo(v2);
    assertThat(status(name).previousCommit()).isEqualTo(before);
    SlackStub.Posted released =
        await()
            .atMost(STEP)
            .until(
                () -> messageAbout(name),
                m -> m != null && m.blocks().contains("\"action_id\":\"shopset_rollback\""));
    assertThat(released.blocks())
        .contains("\"value\":\"" + PROD + "@" + before + "\"")
        .contains("Roll back " + PROD + " to " + before.substring(0, 7) + "?");

    assertThat(rollbackClick("U0MALLORY", before, "mallory-rollback").status()).isEqualTo(200);
    await()
        .atMost(STEP)
        .untilAsserted(() ->
            assertThat(stack.slack().thread(Stack.DEFAULT_CHANNEL, released.ts()))
                .extracting(SlackStub.Posted::text)
                .anySatisfy(text ->
                    assertThat(text)
                        .contains("asked by mallory")
                        .contains("mallory may not roll back Tier '" + PROD + "'")));

    assertThat(rollbackClick("U0RITA", before, "rita-rollback").status()).isEqualTo(200);
    Promotion rollback =
        await()
            .atMost(STEP)
            .until(
                () ->
                    stack.client().resources(Promotion.class).list().getItems().stream()
                        .filter(p -> p.getSpec().isRollback())
                        .filter(p -> PROD.equals(p.getSpec().tier()))
                        .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    String rb = rollback.getMetadata().getName();
    assertThat(rollback.getSpec().requestedBy()).isEqualTo("rita");
    assertThat(rollback.getSpec().commit()).isEqualTo(before);
    awaitPhase(rb, Phase.PendingApproval);
    for (String approver : List.of("alice", "bob")) {
      ReleaseIT.Run approved = shopctl("approve", rb, "--as", approver);
      assertThat(approved.exit()).as(approved.err()).isZero();
    }
    awaitPhase(rb, Phase.Succeeded);
    assertThat(stack.cli.head(stack.url("app"), PROD))
        .as("prod's branch, rolled back")
        .isEqualTo(before);
    await().atMost(STEP).until(() -> before.equals(system.gitlink(PROD, "base")));
    await()
        .atMost(STEP)
        .untilAsserted(() ->
            assertThat(stack.slack().thread(Stack.DEFAULT_CHANNEL, released.ts()))
                .extracting(SlackStub.Posted::text)
                .anySatisfy(text ->
                    assertThat(text)
                        .contains("asked by rita")
                        .contains("rolled back to " + before.substring(0, 7))));
  }

  /** The one top-level Slack message about Promotion {@code name}, or null while there is none. */
  private static SlackStub.Posted messageAbout(String name) {
    return stack.slack().messages(Stack.DEFAULT_CHANNEL).stream()
        .filter(m -> m.threadTs() == null)
        .filter(m -> "promotion:".concat(name).equals(m.marker()))
        .findFirst()
        .orElse(null);
  }

  /** A signed click on Roll back of prod to {@code commit} by Slack user {@code user}. */
  private static Http.Answer rollbackClick(String user, String commit, String responseId) {
    SlackInteractions.Signed signed =
        SlackInteractions.sign(
            Stack.SLACK_SIGNING_SECRET,
            Instant.now(),
            SlackInteractions.click(
                stack.slack(), user, "shopset_rollback", PROD + "@" + commit, responseId));
    return Http.post(
        stack.service(Stack.NOTIFIER).url("/slack/interactions"),
        "application/x-www-form-urlencoded",
        signed.body().getBytes(StandardCharsets.UTF_8),
        "X-Slack-Request-Timestamp",
        signed.timestamp(),
        "X-Slack-Signature",
        signed.signature());
  }

  /** A signed click on Approve of Promotion {@code name} by Slack user {@code user}. */
  private static Http.Answer click(String user, String name, String responseId) {
    SlackInteractions.Signed signed =
        SlackInteractions.sign(
            Stack.SLACK_SIGNING_SECRET,
            Instant.now(),
            SlackInteractions.click(stack.slack(), user, "shopset_approve", name, responseId));
    return Http.post(
        stack.service(Stack.NOTIFIER).url("/slack/interactions"),
        "application/x-www-form-urlencoded",
        signed.body().getBytes(StandardCharsets.UTF_8),
        "X-Slack-Request-Timestamp",
        signed.timestamp(),
        "X-Slack-Signature",
        signed.signature());
  }

  private static String promotionName() {
    return stack.client().resources(Promotion.class).list().getItems().stream()
        .filter(p -> DEV.equals(p.getSpec().tier()))
        .map(p -> p.getMetadata().getName())
        .findFirst()
        .orElseThrow();
  }

  private static PromotionStatus status(String name) {
    return api.promotion(name).orElseThrow().getStatus();
  }

  private static void awaitPhase(String name, Phase phase) {
    await()
        .atMost(STEP)
        .untilAsserted(() -> {
          PromotionStatus s = status(name);
          assertThat(s).as(name).isNotNull();
          assertThat(s.phase()).as("%s", s).isEqualTo(phase);
        });
  }

  /** The message of the first refused PromotionApproval of {@code approver} ("" while none). */
  private static String refusalOf(String approver) {
    return stack.client().resources(PromotionApproval.class).list().getItems().stream()
        .filter(a -> approver.equals(a.getSpec().approver()))
        .filter(a -> a.getStatus() != null && Boolean.FALSE.equals(a.getStatus().counted()))
        .map(a -> a.getStatus().message())
        .findFirst()
        .orElse("");
  }

  /** Approver to the reason their approval was refused, from the PromotionApprovals' status. */
  private static Map<String, String> refusals() {
    Map<String, String> refused = new HashMap<>();
    await()
        .atMost(STEP)
        .untilAsserted(() -> {
          refused.clear();
          for (PromotionApproval a :
              stack.client().resources(PromotionApproval.class).list().getItems()) {
            if (a.getStatus() != null && Boolean.FALSE.equals(a.getStatus().counted())) {
              refused.put(a.getSpec().approver(), a.getStatus().reason());
            }
          }
          assertThat(refused).hasSize(2);
        });
    return refused;
  }
}
