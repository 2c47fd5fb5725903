package dev.shopset.renderer.domain;

import dev.shopset.contracts.resources.Names;
import dev.shopset.contracts.resources.ShopSetSpec;
import java.util.regex.Pattern;

/** Field checks that keep every rendered path inside its directory and every value well-formed. */
final class Checks {

  private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
  private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9._/-]+");
  private static final Pattern URL =
      Pattern.compile("(https?|ssh|file)://\\S+|[^@\\s]+@[^:\\s]+:\\S+");
  private static final Pattern QUANTITY = Pattern.compile(ShopSetSpec.QUANTITY);
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern SLACK_CHANNEL = Pattern.compile("#?[A-Za-z0-9][A-Za-z0-9._-]{0,79}");

  private Checks() {}

  static InvalidDesiredStateException invalid(String field, String problem) {
    return new InvalidDesiredStateException(field, problem);
  }

  static String present(String value, String field) {
    if (value == null || value.isBlank()) {
      throw invalid(field, "is required");
    }
    return value;
  }

  /** A DNS-1123 label: safe as a path segment, a file name part and a Kubernetes name. */
  static String label(String value, String field) {
    present(value, field);
    if (!Names.isLabel(value)) {
      throw invalid(field, quote(value) + " is not a DNS-1123 label (a-z, 0-9, '-', at most 63)");
    }
    return value;
  }

  /**
   * A ShopSet name: a DNS-1123 label that starts with a letter. It begins the name of every object
   * the overlay builds, Services among them, and a Service name is a DNS-1035 label (no leading
   * digit).
   */
  static String shopSetName(String value, String field) {
    label(value, field);
    char first = value.charAt(0);
    if (first < 'a' || first > 'z') {
      throw invalid(
          field,
          quote(value)
              + " starts with a digit: it begins the names of the ShopSet's objects, and a"
              + " Service name must start with a letter. Rename the ShopSet.");
    }
    return value;
  }

  static String subdomain(String value, String field) {
    present(value, field);
    if (!Names.isSubdomain(value)) {
      throw invalid(field, quote(value) + " is not a DNS-1123 subdomain");
    }
    return value;
  }

  /**
   * A directory inside a repository: relative, '/'-separated plain segments, no '.' or '..'.
   * Returns it without a trailing '/', or "" for the root (null, "", ".").
   */
  static String repositoryPath(String value, String field) {
    if (value == null || value.isEmpty() || value.equals(".")) {
      return "";
    }
    if (value.length() > 1024) {
      throw invalid(field, "is longer than 1024 characters");
    }
    if (value.startsWith("/") || value.contains("\\")) {
      throw invalid(field, quote(value) + " must be a relative path without '\\'");
    }
    String path = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        throw invalid(field, quote(value) + " must not contain '.' or '..' segments");
      }
      if (!PATH_SEGMENT.matcher(segment).matches()) {
        throw invalid(
            field, quote(value) + " has an empty or unsafe segment (allowed: A-Z a-z 0-9 . _ -)");
      }
    }
    return path;
  }

  static String branch(String value, String field) {
    present(value, field);
    if (value.length() > 255
        || !BRANCH.matcher(value).matches()
        || value.contains("..")
        || value.contains("//")
        || value.startsWith("/")
        || value.startsWith("-")
        || value.endsWith("/")
        || value.endsWith(".lock")) {
      throw invalid(field, quote(value) + " is not a valid branch name");
    }
    return value;
  }

  static String url(String value, String field) {
    present(value, field);
    if (value.length() > 2048 || !URL.matcher(value).matches()) {
      throw invalid(field, quote(value) + " is not a clone URL (https://, ssh://, file://, git@)");
    }
    return value;
  }

  static String quantity(String value, String field) {
    if (value != null && !QUANTITY.matcher(value).matches()) {
      throw invalid(field, quote(value) + " is not a Kubernetes quantity");
    }
    return value;
  }

  static String envName(String value, String field) {
    present(value, field);
    if (value.length() > 256 || !ENV_NAME.matcher(value).matches()) {
      throw invalid(field, quote(value) + " is not an environment variable name");
    }
    return value;
  }

  static String text(String value, String field, int max) {
    if (value == null) {
      return "";
    }
    if (value.length() > max) {
      throw invalid(field, "is longer than " + max + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
        if (!paired) {
          throw invalid(field, "contains an unpaired UTF-16 surrogate");
        }
        i++;
      }
    }
    return value;
  }

  static String zone(String value, String field) {
    present(value, field);
    if (value.length() > 63 || !ZONE.matcher(value).matches()) {
      throw invalid(field, quote(value) + " is not a zone name");
    }
    return value;
  }

  static String slackChannel(String value, String field) {
    if (value != null && !SLACK_CHANNEL.matcher(value).matches()) {
      throw invalid(field, quote(value) + " is not a Slack channel name or id");
    }
    return value;
  }

  private static String quote(String value) {
    String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
    return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
