package dev.shopset.notifier.domain;

import dev.shopset.contracts.events.ReplicaCounts;
import dev.shopset.contracts.events.Rollout;
import dev.shopset.contracts.events.RolloutEvent;
import dev.shopset.contracts.events.RolloutFailed;
import dev.shopset.contracts.events.RolloutProgressing;
import dev.shopset.contracts.events.RolloutRolledBack;
import dev.shopset.contracts.events.RolloutStarted;
import dev.shopset.contracts.events.RolloutSucceeded;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Pure: turns a rollout event into the rollout's Slack message and its thread reply. */
public final class RolloutFormatter {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final boolean promoteButton;

  /** Messages without buttons. */
  public RolloutFormatter() {
    this(false);
  }

  /**
   * @param promoteButton whether a rollout that succeeded on a Tier offers to promote that Tier
   *     onward (only with Slack interactivity on; the watcher checks the Tier's promoters)
   */
  public RolloutFormatter(boolean promoteButton) {
    this.promoteButton = promoteButton;
  }

  /** The rollout's main message, as it should read after {@code event}. */
  public SlackMessage message(RolloutEvent event) {
    Rollout r = event.rollout();
    Outcome outcome = Outcome.of(event);
    String title = outcome.emoji + " " + r.deployment() + " " + outcome.phrase;
    List<Map<String, Object>> blocks = new ArrayList<>();
    blocks.add(obj("type", "header", "text", plainText(title)));
    List<Map<String, Object>> fields = new ArrayList<>();
    fields.add(mrkdwn("*Namespace*\n" + code(r.namespace())));
    fields.add(mrkdwn("*ShopSet*\n" + orDash(r.shopSet())));
    fields.add(mrkdwn("*Tier*\n" + orDash(r.tier())));
    fields.add(mrkdwn("*Revision*\n" + revision(event)));
    fields.add(mrkdwn("*Replicas*\n" + replicas(event.replicas())));
    duration(event).ifPresent(d -> fields.add(mrkdwn("*Duration*\n" + d)));
    blocks.add(obj("type", "section", "fields", fields));
    blocks.add(obj("type", "section", "text", mrkdwn("*Images*\n" + images(r, "\n"))));
    if (event instanceof RolloutFailed f) {
      blocks.add(obj("type", "section", "text", mrkdwn(":warning: " + failure(f))));
    }
    blocks.add(
        obj(
            "type",
            "context",
            "elements",
            List.of(mrkdwn(escape(r.id()) + " · started " + TIME.format(r.startedAt())))));
    if (promoteButton && event instanceof RolloutSucceeded && r.tier() != null) {
      Map<String, Object> button = new LinkedHashMap<>();
      button.put("type", "button");
      button.put("action_id", SlackAction.PROMOTE.actionId());
      button.put("text", plainText("Promote " + r.tier() + " onward"));
      button.put("value", r.tier());
      blocks.add(
          obj("type", "actions", "block_id", "shopset_rollout", "elements", List.of(button)));
    }
    String text = fallback(event, outcome);
    StringBuilder plain = new StringBuilder(title).append('\n');
    plain.append("  namespace ").append(r.namespace());
    plain.append(", ShopSet ").append(orNone(r.shopSet()));
    plain.append(", tier ").append(orNone(r.tier()));
    plain.append(", revision ").append(revisionPlain(event)).append('\n');
    plain.append("  replicas ").append(replicasPlain(event.replicas()));
    duration(event).ifPresent(d -> plain.append(", took ").append(d));
    plain.append('\n');
    for (String line : imageLines(r, false)) {
      plain.append("  ").append(line).append('\n');
    }
    if (event instanceof RolloutFailed f) {
      plain.append("  ").append(failurePlain(f)).append('\n');
    }
    return new SlackMessage(text, blocks, plain.toString().stripTrailing());
  }

  /** The reply posted in the message's thread when the rollout ends. */
  public SlackMessage threadReply(RolloutEvent event) {
    Outcome outcome = Outcome.of(event);
    String took = duration(event).map(d -> " in " + d).orElse("");
    long rev = event.rollout().revision();
    String text =
        switch (event) {
          case RolloutSucceeded s ->
              "Revision "
                  + rev
                  + " rolled out"
                  + took
                  + ": "
                  + s.replicas().available()
                  + "/"
                  + s.replicas().desired()
                  + " replicas available.";
          case RolloutFailed f ->
              "Revision "
                  + rev
                  + " failed"
                  + took.replace(" in ", " after ")
                  + ". The deployment reported "
                  + stripPeriod(failurePlain(f))
                  + " ("
                  + f.replicas().available()
                  + "/"
                  + f.replicas().desired()
                  + " replicas available).";
          case RolloutRolledBack b ->
              "Revision "
                  + rev
                  + " was rolled back to revision "
                  + b.toRevision()
                  + took.replace(" in ", " after ")
                  + ".";
          default -> "Revision " + rev + " " + outcome.phrase + ".";
        };
    String line = outcome.emoji + " " + text;
    return new SlackMessage(
        line, List.of(obj("type", "section", "text", mrkdwn(escape(line)))), line);
  }

  private static String fallback(RolloutEvent event, Outcome outcome) {
    Rollout r = event.rollout();
    StringBuilder s = new StringBuilder();
    s.append(r.deployment()).append(" in ").append(r.namespace());
    if (r.shopSet() != null || r.tier() != null) {
      s.append(" (ShopSet ").append(orNone(r.shopSet()));
      s.append(", tier ").append(orNone(r.tier())).append(')');
    }
    s.append(": revision ").append(r.revision()).append(' ').append(outcome.phrase);
    duration(event).ifPresent(d -> s.append(" after ").append(d));
    s.append(", ").append(replicasPlain(event.replicas()));
    if (event instanceof RolloutFailed f) {
      s.append(". ").append(failurePlain(f));
    }
    return s.toString();
  }

  private static String revision(RolloutEvent event) {
    return event instanceof RolloutRolledBack b
        ? event.rollout().revision() + " → " + b.toRevision()
        : String.valueOf(event.rollout().revision());
  }

  private static String revisionPlain(RolloutEvent event) {
    return event instanceof RolloutRolledBack b
        ? event.rollout().revision() + " -> " + b.toRevision()
        : String.valueOf(event.rollout().revision());
  }

  private static String replicas(ReplicaCounts c) {
    String s = c.ready() + "/" + c.desired() + " ready · " + c.updated() + " updated";
    return c.unavailable() > 0 ? s + " · " + c.unavailable() + " unavailable" : s;
  }

  private static String replicasPlain(ReplicaCounts c) {
    String s = c.ready() + "/" + c.desired() + " ready, " + c.updated() + " updated";
    return c.unavailable() > 0 ? s + ", " + c.unavailable() + " unavailable" : s;
  }

  private static String images(Rollout r, String separator) {
    return String.join(separator, imageLines(r, true));
  }

  private static List<String> imageLines(Rollout r, boolean markdown) {
    TreeSet<String> containers = new TreeSet<>(r.imagesBefore().keySet());
    containers.addAll(r.imagesAfter().keySet());
    if (containers.isEmpty()) {
      return List.of(markdown ? "_no images reported_" : "images: none reported");
    }
    List<String> lines = new ArrayList<>();
    for (String c : containers) {
      String before = r.imagesBefore().get(c);
      String after = r.imagesAfter().get(c);
      String name = markdown ? code(c) : c;
      String arrow = markdown ? " → " : " -> ";
      if (before != null && before.equals(after)) {
        lines.add(name + ": " + (markdown ? code(after) : after) + " (unchanged)");
      } else {
        lines.add(name + ": " + image(before, markdown) + arrow + image(after, markdown));
      }
    }
    return lines;
  }

  private static String image(String image, boolean markdown) {
    if (image == null) {
      return markdown ? "_none_" : "none";
    }
    return markdown ? code(image) : image;
  }

  private static String failure(RolloutFailed f) {
    String message = f.message() == null || f.message().isBlank() ? "" : ": " + f.message();
    return "*" + escape(f.reason()) + "*" + escape(message);
  }

  private static String failurePlain(RolloutFailed f) {
    String message = f.message() == null || f.message().isBlank() ? "" : ": " + f.message();
    return f.reason() + message;
  }

  private static java.util.Optional<String> duration(RolloutEvent event) {
    long ms =
        switch (event) {
          case RolloutSucceeded s -> s.durationMs();
          case RolloutFailed f -> f.durationMs();
          case RolloutRolledBack b -> b.durationMs();
          default -> -1;
        };
    return ms < 0
        ? java.util.Optional.empty()
        : java.util.Optional.of(human(Duration.ofMillis(ms)));
  }

  /** {@code 2h 5m}, {@code 3m 7s}, {@code 12s}, {@code 0.4s}. */
  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 10 && d.toMillis() % 1000 != 0) {
      return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s % 60 == 0 ? (s / 60) + "m" : (s / 60) + "m " + (s % 60) + "s";
    }
    return (s / 3600) + "h " + (s % 3600 / 60) + "m";
  }

  private static String stripPeriod(String text) {
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  private static String orDash(String value) {
    return value == null || value.isBlank() ? "–" : escape(value);
  }

  private static String orNone(String value) {
    return value == null || value.isBlank() ? "none" : value;
  }

  private static String code(String value) {
    return "`" + escape(value) + "`";
  }

  /** Slack's mrkdwn treats only these three characters as control characters. */
  static String escape(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static Map<String, Object> mrkdwn(String text) {
    return obj("type", "mrkdwn", "text", text);
  }

  /** A JSON object with its keys in the given order, so the payload reads and diffs stably. */
  private static Map<String, Object> obj(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private static Map<String, Object> plainText(String text) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "plain_text");
    m.put("text", text.length() > 150 ? text.substring(0, 149) + "…" : text);
    m.put("emoji", true);
    return m;
  }

  /** How a rollout stands after an event. */
  enum Outcome {
    STARTED(":rocket:", "is rolling out"),
    PROGRESSING(":hourglass_flowing_sand:", "is rolling out"),
    SUCCEEDED(":white_check_mark:", "rolled out"),
    FAILED(":x:", "failed to roll out"),
    ROLLED_BACK(":leftwards_arrow_with_hook:", "was rolled back");

    final String emoji;
    final String phrase;

    Outcome(String emoji, String phrase) {
      this.emoji = emoji;
      this.phrase = phrase;
    }

    static Outcome of(RolloutEvent event) {
      return switch (event) {
        case RolloutStarted s -> STARTED;
        case RolloutProgressing p -> PROGRESSING;
        case RolloutSucceeded s -> SUCCEEDED;
        case RolloutFailed f -> FAILED;
        case RolloutRolledBack b -> ROLLED_BACK;
      };
    }
  }
}
