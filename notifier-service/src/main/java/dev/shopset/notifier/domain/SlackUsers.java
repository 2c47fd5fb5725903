package dev.shopset.notifier.domain;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who a Slack user is in Kubernetes, as the platform team configured it: one line per person,
 * {@code SLACK_USER_ID: kubernetes-user, group, group...}; blank lines and {@code #} comments are
 * skipped. A Slack user without a line is nobody: their clicks change nothing.
 */
public final class SlackUsers {

  /** A Kubernetes identity: a user name and its groups. */
  public record Person(String user, List<String> groups) {
    public Person {
      groups = List.copyOf(groups);
    }
  }

  private final Map<String, Person> people;

  private SlackUsers(Map<String, Person> people) {
    this.people = Map.copyOf(people);
  }

  public static SlackUsers none() {
    return new SlackUsers(Map.of());
  }

  /**
   * Reads the mapping file's text.
   *
   * @throws IllegalArgumentException naming the first bad line and what it should look like
   */
  public static SlackUsers parse(String text) {
    Map<String, Person> people = new LinkedHashMap<>();
    String[] lines = text.split("\\R");
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "Slack user mapping, line "
                + (n + 1)
                + ": expected 'SLACK_USER_ID: kubernetes-user, group...', got '"
                + line
                + "'");
      }
      add(people, line.substring(0, colon).strip(), line.substring(colon + 1), "line " + (n + 1));
    }
    return new SlackUsers(people);
  }

  /** The mapping from properties: Slack user id to {@code kubernetes-user, group...}. */
  public static SlackUsers of(Map<String, String> entries) {
    Map<String, Person> people = new LinkedHashMap<>();
    entries.forEach((id, value) -> add(people, id.strip(), value, "entry " + id));
    return new SlackUsers(people);
  }

  /** Both mappings; {@code other}'s lines win for a user in both. */
  public SlackUsers and(SlackUsers other) {
    Map<String, Person> all = new LinkedHashMap<>(people);
    all.putAll(other.people);
    return new SlackUsers(all);
  }

  public Optional<Person> person(String slackUserId) {
    return Optional.ofNullable(slackUserId == null ? null : people.get(slackUserId));
  }

  public int size() {
    return people.size();
  }

  private static void add(Map<String, Person> people, String id, String value, String where) {
    List<String> parts =
        Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (id.isEmpty() || parts.isEmpty()) {
      throw new IllegalArgumentException(
          "Slack user mapping, "
              + where
              + ": give a Slack user id and a Kubernetes user name ('U012ABCDEF: alice, group...')");
    }
    people.put(id, new Person(parts.getFirst(), parts.subList(1, parts.size())));
  }
}
