package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.RenderRemoval;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.ShopSetRef;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Commit messages with machine-readable trailers: {@code ShopSet: ns/name@generation} per rendered
 * ShopSet, {@code ShopSet-Removed: ns/name} per removal, {@code Pin: path old..new}.
 */
public final class CommitMessage {

  static final String SHOPSET = "ShopSet: ";
  static final String REMOVED = "ShopSet-Removed: ";
  static final String PIN = "Pin: ";
  private static final Pattern SHOPSET_LINE =
      Pattern.compile("^ShopSet: ([^/\\s]+)/(\\S+)@(\\d+)$");

  private CommitMessage() {}

  /** The message of a commit carrying {@code renders} and {@code pins} on {@code branch}. */
  public static String of(String branch, List<RenderEvent> renders, List<PinChange> pins) {
    List<String> subject = new ArrayList<>();
    if (!renders.isEmpty()) {
      subject.add(
          "Render "
              + renders.size()
              + (renders.size() == 1 ? " ShopSet" : " ShopSets")
              + " on "
              + branch);
    }
    if (pins.size() == 1) {
      subject.add(pins.get(0).describe());
    } else if (!pins.isEmpty()) {
      subject.add("Pin " + String.join(", ", pins.stream().map(PinChange::path).toList()));
    }
    StringBuilder text = new StringBuilder(String.join("; ", subject)).append("\n\n");
    for (RenderEvent event : renders) {
      switch (event) {
        case RenderResult r ->
            text.append(SHOPSET)
                .append(r.namespace())
                .append('/')
                .append(r.name())
                .append('@')
                .append(r.generation())
                .append('\n');
        case RenderRemoval r ->
            text.append(REMOVED).append(r.namespace()).append('/').append(r.name()).append('\n');
      }
    }
    for (PinChange pin : pins) {
      text.append(PIN)
          .append(pin.path())
          .append(' ')
          .append(pin.from() == null ? "" : pin.from())
          .append("..")
          .append(pin.to())
          .append('\n');
    }
    return text.toString();
  }

  /**
   * The message announcing {@code renders} that changed nothing: the branch head holds them already
   * (a spec change that renders the same files). Not a commit's message; its trailers name the
   * ShopSets so that their new generations are reported committed at the head.
   */
  public static String unchanged(String branch, List<RenderEvent> renders) {
    StringBuilder text =
        new StringBuilder("Already in git: ")
            .append(renders.size())
            .append(renders.size() == 1 ? " ShopSet" : " ShopSets")
            .append(" on ")
            .append(branch)
            .append(", nothing to commit\n\n");
    for (RenderEvent event : renders) {
      if (event instanceof RenderResult r) {
        text.append(SHOPSET)
            .append(r.namespace())
            .append('/')
            .append(r.name())
            .append('@')
            .append(r.generation())
            .append('\n');
      }
    }
    return text.toString();
  }

  /** The ShopSets (with generations) a message's trailers name. */
  public static List<ShopSetRef> shopSets(String message) {
    List<ShopSetRef> refs = new ArrayList<>();
    for (String line : message.split("\n")) {
      Matcher m = SHOPSET_LINE.matcher(line.strip());
      if (m.matches()) {
        refs.add(new ShopSetRef(m.group(1), m.group(2), Long.parseLong(m.group(3))));
      }
    }
    return refs;
  }

  /** The first line. */
  public static String subject(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
