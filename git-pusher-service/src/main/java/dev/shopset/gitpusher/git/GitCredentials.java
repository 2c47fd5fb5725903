package dev.shopset.gitpusher.git;

import dev.shopset.gitpusher.GitPusherConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * HTTPS credentials per host: files {@code <host>.username} and {@code <host>.token} in a directory
 * (a mounted Secret), else the configured username/token (environment variables). Never logged.
 */
public final class GitCredentials {

  private final Path dir;
  private final Optional<String> username;
  private final Optional<String> token;

  public GitCredentials(Path dir, Optional<String> username, Optional<String> token) {
    this.dir = dir;
    this.username = username;
    this.token = token;
  }

  public static GitCredentials of(GitPusherConfig.Credentials config) {
    return new GitCredentials(Path.of(config.dir()), config.username(), config.token());
  }

  /** The provider for a repository URL, or null to go anonymous. */
  public CredentialsProvider forUrl(String url) {
    String host;
    try {
      host = new URIish(url).getHost();
    } catch (java.net.URISyntaxException e) {
      host = null;
    }
    if (host != null) {
      Optional<String> user = read(host + ".username");
      Optional<String> secret = read(host + ".token");
      if (secret.isPresent()) {
        return new UsernamePasswordCredentialsProvider(user.orElse("git"), secret.get());
      }
    }
    if (token.isPresent()) {
      return new UsernamePasswordCredentialsProvider(username.orElse("git"), token.get());
    }
    return null;
  }

  private Optional<String> read(String name) {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read credentials file " + file.getFileName(), e);
    }
  }
}
