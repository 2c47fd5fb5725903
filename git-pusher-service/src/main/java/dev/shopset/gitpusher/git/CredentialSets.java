package dev.shopset.gitpusher.git;

import dev.shopset.contracts.join.RepositoryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.jboss.logging.Logger;

/**
 * Credential sets per repository URL prefix, like Argo CD's credential templates: files in a
 * directory (a mounted Secret), per set {@code <id>.url} (the prefix), then {@code <id>.username}
 * (default {@code git}) + {@code <id>.password} (a token) for HTTPS, or {@code <id>.ssh-privatekey}
 * + {@code <id>.known_hosts} for SSH; plus one configured set (environment variables) whose prefix
 * is {@code shopset.git-pusher.credentials.url}, or every allowed prefix when that is unset. A URL
 * gets the set with the longest prefix it is under (a prefix ends at a '/' boundary, compared on
 * the normalized URL); files win over the configured set at equal length. Files are read at each
 * use, so a rotated Secret takes effect without a restart.
 */
public final class CredentialSets {

  private static final Logger LOG = Logger.getLogger(CredentialSets.class);

  /**
   * One set.
   *
   * @param prefix normalized, ending in '/'; empty: every URL (the configured set without a url)
   */
  public record Set(
      String id,
      String prefix,
      String username,
      Optional<String> password,
      Optional<String> sshKey,
      Optional<String> knownHosts) {

    /** The HTTPS credentials, when the set has a password. */
    Optional<CredentialsProvider> https() {
      return password.map(p -> new UsernamePasswordCredentialsProvider(username, p));
    }

    @Override
    public String toString() {
      return id + "[" + (prefix.isEmpty() ? "every allowed prefix" : prefix) + "]";
    }
  }

  private final Path dir;
  private final Set configured;

  public CredentialSets(Path dir, Set configured) {
    this.dir = dir;
    this.configured = configured;
    warnAboutPerHostFiles();
  }

  /** A prefix as the sets compare it: normalized, ending in '/'. */
  public static String prefix(String url) {
    String normalized =
        RepositoryPolicy.normalize(url)
            .orElseThrow(() ->
                new IllegalArgumentException(
                    "Credential prefix '" + url + "' is not an https, http or ssh URL"));
    return normalized.endsWith("/") ? normalized : normalized + "/";
  }

  /** The set for {@code url}: the longest prefix it is under. */
  public Optional<Set> forUrl(String url) {
    Optional<String> normalized = RepositoryPolicy.normalize(url);
    if (normalized.isEmpty()) {
      return Optional.empty();
    }
    String candidate = normalized.get() + "/";
    List<Set> all = new ArrayList<>(fromFiles());
    all.add(configured);
    return all.stream()
        .filter(s -> candidate.startsWith(s.prefix()))
        .max(
            Comparator.comparingInt((Set s) -> s.prefix().length())
                .thenComparing(s -> s == configured ? 0 : 1));
  }

  private List<Set> fromFiles() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Set> sets = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".url")).toList()) {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - ".url".length());
        String prefix;
        try {
          prefix = prefix(read(file).orElse(""));
        } catch (IllegalArgumentException e) {
          LOG.warnf("Ignoring credential set %s: %s", id, e.getMessage());
          continue;
        }
        sets.add(
            new Set(
                id,
                prefix,
                read(dir.resolve(id + ".username")).orElse("git"),
                read(dir.resolve(id + ".password")),
                existing(dir.resolve(id + ".ssh-privatekey")),
                existing(dir.resolve(id + ".known_hosts"))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the credentials in " + dir, e);
    }
    return sets;
  }

  /** Per-host files of earlier versions are no longer read: say how to move them. */
  private void warnAboutPerHostFiles() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".token"))
          .forEach(n ->
              LOG.warnf(
                  "Credential file %s is a per-host file of an earlier version and is not read:"
                      + " create <id>.url with the repository prefix (e.g. https://%s/) and"
                      + " <id>.username and <id>.password beside it",
                  n, n.substring(0, n.length() - ".token".length())));
    } catch (IOException e) {
      LOG.debugf("Cannot list %s: %s", dir, e.getMessage());
    }
  }

  private static Optional<String> existing(Path file) {
    return Files.isRegularFile(file) ? Optional.of(file.toString()) : Optional.empty();
  }

  private static Optional<String> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read credentials file " + file.getFileName(),
          new IOException(e.getClass().getSimpleName()));
    }
  }

  @Override
  public String toString() {
    return "CredentialSets[dir=" + dir + ", configured=" + configured + "]";
  }
}
