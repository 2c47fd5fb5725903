package dev.shopset.contracts.join;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which repository URLs ShopSet may use: the URL prefixes the platform team allows, and the kinds
 * of URL that are never used whatever the prefix ({@code file://} and local paths, {@code ext::}
 * and other transports, ssh options smuggled into a host or path, credentials inside the URL). The
 * watcher refuses a ShopSet whose repositories break it; git-pusher checks every URL again before
 * any network call and sends a credential only to URLs under its own prefix.
 */
public final class RepositoryPolicy {

  private static final Pattern URL =
      Pattern.compile("^((?i)https?|ssh)://(?:([^@/]*)@)?([^/:@]+)(?::([0-9]{1,5}))?(/.*)?$");
  private static final Pattern SCP = Pattern.compile("^([^@/\\s]+)@([^:/\\s]+):(.+)$");
  private static final Pattern HOST = Pattern.compile("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$");

  private final List<String> prefixes;

  private RepositoryPolicy(List<String> prefixes) {
    this.prefixes = prefixes;
  }

  /**
   * The policy allowing URLs under {@code prefixes} (e.g. {@code https://git.example.com/shops/});
   * a prefix ends at a path boundary, so {@code https://git.example.com/shop} does not allow {@code
   * https://git.example.com/shopping/app.git}.
   *
   * @throws IllegalArgumentException naming a prefix that is not itself an allowed kind of URL
   */
  public static RepositoryPolicy allowing(List<String> prefixes) {
    List<String> normalized =
        prefixes.stream()
            .map(String::trim)
            .filter(p -> !p.isEmpty())
            .map(p -> {
              String n =
                  normalize(p)
                      .orElseThrow(() ->
                          new IllegalArgumentException(
                              "Repository prefix '"
                                  + p
                                  + "' is not an https, http or ssh URL: "
                                  + kindProblem(p)));
              return n.endsWith("/") ? n : n + "/";
            })
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
    return new RepositoryPolicy(normalized);
  }

  /** The normalized prefixes, longest first. */
  public List<String> prefixes() {
    return prefixes;
  }

  /** Why {@code url} may not be used, or empty when it may. */
  public Optional<String> refusal(String url) {
    if (url == null || url.isBlank()) {
      return Optional.of("is empty");
    }
    String kind = kindProblem(url);
    if (kind != null) {
      return Optional.of(kind);
    }
    if (prefixes.isEmpty()) {
      return Optional.of(
          "is not under an allowed prefix: the platform has allowed none (setting"
              + " shopset.repositories.prefixes, env SHOPSET_REPOSITORY_PREFIXES)");
    }
    if (prefixOf(url).isEmpty()) {
      return Optional.of("is not under an allowed prefix (" + String.join(", ", prefixes) + ")");
    }
    return Optional.empty();
  }

  /** The longest allowed prefix {@code url} is under, if any (no other check). */
  public Optional<String> prefixOf(String url) {
    Optional<String> normalized = normalize(url);
    if (normalized.isEmpty()) {
      return Optional.empty();
    }
    String candidate = normalized.get();
    return prefixes.stream().filter(p -> (candidate + "/").startsWith(p)).findFirst();
  }

  /**
   * {@code url} in one spelling: scheme and host lower case, {@code user@host:path} as {@code
   * ssh://user@host/path}, no trailing '/'. Empty when it is not an allowed kind of URL.
   */
  public static Optional<String> normalize(String url) {
    if (url == null || kindProblem(url) != null) {
      return Optional.empty();
    }
    String candidate = url.trim();
    Matcher scp = SCP.matcher(candidate);
    if (!candidate.contains("://") && scp.matches()) {
      candidate = "ssh://" + scp.group(1) + "@" + scp.group(2) + "/" + scp.group(3);
    }
    Matcher m = URL.matcher(candidate);
    if (!m.matches()) {
      return Optional.empty();
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    String user = m.group(2);
    String host = m.group(3).toLowerCase(Locale.ROOT);
    String port = m.group(4);
    String path = m.group(5) == null ? "" : m.group(5);
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return Optional.of(
        scheme
            + "://"
            + (user == null ? "" : user + "@")
            + host
            + (port == null ? "" : ":" + port)
            + path);
  }

  /** What makes {@code url} a kind of URL that is never used, or null. */
  private static String kindProblem(String url) {
    String trimmed = url.trim();
    if (trimmed.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      return "contains spaces or control characters";
    }
    if (trimmed.contains("::")) {
      return "uses a git transport helper (such as ext::), which can run commands";
    }
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.startsWith("file:")
        || lower.startsWith("/")
        || lower.startsWith(".")
        || lower.startsWith("~")) {
      return "is a local path or file:// URL; only https, http and ssh repositories are allowed";
    }
    String candidate = trimmed;
    Matcher scp = SCP.matcher(trimmed);
    if (!trimmed.contains("://")) {
      if (!scp.matches()) {
        return "is not an https://, http://, ssh:// or user@host:path URL";
      }
      candidate = "ssh://" + scp.group(1) + "@" + scp.group(2) + "/" + scp.group(3);
    }
    Matcher m = URL.matcher(candidate);
    if (!m.matches()) {
      return "is not an https://, http://, ssh:// or user@host:path URL";
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    String user = m.group(2);
    if (user != null && (scheme.startsWith("http") || user.contains(":"))) {
      return "carries credentials; credentials are configured per prefix by the platform, never"
          + " in a URL";
    }
    if (user != null && (user.isEmpty() || user.startsWith("-"))) {
      return "has an invalid user name";
    }
    String host = m.group(3).toLowerCase(Locale.ROOT);
    if (!HOST.matcher(host).matches()) {
      return "has an invalid host name '" + host + "'";
    }
    String path = m.group(5) == null ? "" : m.group(5);
    for (String segment : path.split("/")) {
      if (segment.startsWith("-")) {
        return "has a path segment starting with '-' (an option to ssh or git)";
      }
      if (segment.equals("..")) {
        return "has a '..' path segment";
      }
    }
    return null;
  }
}
