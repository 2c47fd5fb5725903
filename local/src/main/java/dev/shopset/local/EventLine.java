package dev.shopset.local;

import dev.shopset.contracts.cloudevents.TraceContext;
import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.PinRequested;
import dev.shopset.contracts.events.PromotionRequested;
import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.contracts.events.RenderRefused;
import dev.shopset.contracts.events.RenderRemoval;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.RolloutEvent;
import dev.shopset.contracts.events.RolloutFailed;
import dev.shopset.contracts.events.RolloutProgressing;
import dev.shopset.contracts.events.RolloutRolledBack;
import dev.shopset.contracts.events.RolloutStarted;
import dev.shopset.contracts.events.RolloutSucceeded;
import dev.shopset.contracts.events.ShopSetDeleted;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.contracts.events.ShopSetMoved;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.contracts.events.SourceChanged;
import java.util.stream.Collectors;

/** One readable line per event, for the local run's console. */
final class EventLine {

  private EventLine() {}

  /**
   * The line of an event and, when it carries one ({@code ce_traceparent}), its trace id: the id to
   * look the change up by in a tracing UI (README, "Following a change: traces").
   */
  static String of(ShopSetEvent event, TraceContext trace) {
    return trace == null ? of(event) : of(event) + "  trace " + trace.traceId();
  }

  static String of(ShopSetEvent event) {
    return switch (event) {
      case ShopSetDesired d ->
          "desired   %s/%s gen %d on %s with %s, %d shop(s)"
              .formatted(
                  d.namespace(),
                  d.name(),
                  d.generation(),
                  d.tier().name(),
                  d.configuration().name(),
                  d.spec().shops().size());
      case ShopSetDeleted d -> "deleted   %s/%s".formatted(d.namespace(), d.name());
      case ShopSetMoved m ->
          "moved     %s/%s from %s to %s"
              .formatted(m.namespace(), m.name(), m.fromTier(), m.toTier());
      case RenderResult r ->
          "rendered  %s/%s gen %d: %d file(s) for %s"
              .formatted(r.namespace(), r.name(), r.generation(), r.files().size(), r.branch());
      case RenderRemoval r ->
          "unrender  %s/%s from %s".formatted(r.namespace(), r.name(), r.branch());
      case PinRequested p ->
          "pin       %s %s#%s -> %s"
              .formatted(p.branch(), p.repository(), p.sourceBranch(), shortSha(p.head()));
      case SourceChanged s ->
          "source    %s %s -> %s"
              .formatted(s.branch(), shortSha(s.previousHead()), shortSha(s.head()));
      case CommitPushed c ->
          "commit    %s %s \"%s\" (%d file(s); %s)"
              .formatted(c.branch(), shortSha(c.sha()), c.summary(), c.filesChanged(), shopSets(c));
      case CommitFailed c -> "FAILED    %s: %s: %s".formatted(c.branch(), c.reason(), c.message());
      case RenderRefused r ->
          "REFUSED   %s: %s: %s".formatted(shopSets(r.shopSets()), r.reason(), r.message());
      case PromotionRequested p ->
          "promote   %s: %s -> %s".formatted(p.promotion(), p.fromBranch(), p.toBranch());
      case PromotionResult p ->
          "promoted  %s: %s %s%s"
              .formatted(
                  p.promotion(),
                  p.outcome(),
                  shortSha(p.commit()),
                  p.reason() == null ? "" : " (" + p.reason() + ": " + p.message() + ")");
      case RolloutEvent r -> rollout(r);
      case dev.shopset.contracts.events.PromotionApprovalState a ->
          "approval  %s: %s (%d of %d)%s"
              .formatted(
                  a.promotion(),
                  a.state(),
                  a.approvals().size(),
                  a.approvalsRequired(),
                  a.message() == null ? "" : ": " + a.message());
      case dev.shopset.contracts.events.ApprovalActionRequested a ->
          "action    %s %s by %s"
              .formatted(a.action(), a.promotion() != null ? a.promotion() : a.tier(), a.actor());
    };
  }

  private static String rollout(RolloutEvent event) {
    var r = event.rollout();
    String what =
        switch (event) {
          case RolloutStarted s -> "started";
          case RolloutProgressing p ->
              "progressing " + p.replicas().updated() + "/" + p.replicas().desired();
          case RolloutSucceeded s -> "succeeded in " + s.durationMs() / 1000 + " s";
          case RolloutFailed f -> "FAILED: " + f.reason();
          case RolloutRolledBack b -> "rolled back to revision " + b.toRevision();
        };
    return "rollout   %s/%s rev %d %s".formatted(r.namespace(), r.deployment(), r.revision(), what);
  }

  private static String shopSets(CommitPushed commit) {
    return shopSets(commit.shopSets());
  }

  private static String shopSets(java.util.List<ShopSetRef> refs) {
    if (refs.isEmpty()) {
      return "no ShopSet";
    }
    return refs.stream().limit(3).map(ShopSetRef::name).collect(Collectors.joining(", "))
        + (refs.size() > 3 ? " +" + (refs.size() - 3) : "");
  }

  private static String shortSha(String sha) {
    return sha == null ? "-" : sha.substring(0, Math.min(8, sha.length()));
  }
}
