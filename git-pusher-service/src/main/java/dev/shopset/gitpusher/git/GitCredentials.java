package dev.shopset.gitpusher.git;

import dev.shopset.gitpusher.config.GitPusherConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Credentials per host, from files in a directory (a mounted Secret) before the configured ones
 * (environment variables): HTTPS {@code <host>.username} + {@code <host>.token}; SSH {@code
 * <host>.ssh-privatekey} + {@code <host>.known_hosts}. SSH checks host keys strictly against the
 * known hosts and never reads {@code ~/.ssh}. Secrets are never logged nor put into messages.
 */
public final class GitCredentials {

  private final Path dir;
  private final Optional<String> username;
  private final Optional<String> token;
  private final Optional<String> sshKeyFile;
  private final Optional<String> knownHostsFile;
  private final Map<List<String>, SshdSessionFactory> sshFactories = new ConcurrentHashMap<>();

  public GitCredentials(Path dir, Optional<String> username, Optional<String> token) {
    this(dir, username, token, Optional.empty(), Optional.empty());
  }

  public GitCredentials(
      Path dir,
      Optional<String> username,
      Optional<String> token,
      Optional<String> sshKeyFile,
      Optional<String> knownHostsFile) {
    this.dir = dir;
    this.username = username;
    this.token = token;
    this.sshKeyFile = sshKeyFile;
    this.knownHostsFile = knownHostsFile;
  }

  public static GitCredentials of(GitPusherConfig.Credentials config) {
    return new GitCredentials(
        Path.of(config.dir()),
        config.username(),
        config.token(),
        config.sshKey().map(key -> privateFile("ssh-key", key)).or(config::sshKeyFile),
        config
            .sshKnownHosts()
            .map(hosts -> privateFile("known_hosts", hosts))
            .or(config::sshKnownHostsFile));
  }

  /** Text given in an environment variable, as a file only this user can read; its path. */
  static String privateFile(String name, String text) {
    try {
      Path file =
          Files.createTempFile(
              "shopset-" + name,
              "",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      file.toFile().deleteOnExit();
      Files.writeString(file, text.endsWith("\n") ? text : text + "\n", StandardCharsets.UTF_8);
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the " + name + " file", e);
    }
  }

  /**
   * Sets up the transport of a fetch, push or ls-remote of {@code url}: the SSH session (key, known
   * hosts) for SSH URLs, else the HTTPS credentials.
   */
  public TransportConfigCallback transport(String url) {
    return transport -> {
      if (transport instanceof SshTransport ssh) {
        ssh.setSshSessionFactory(ssh(host(url)));
      } else {
        CredentialsProvider provider = forUrl(url);
        if (provider != null) {
          transport.setCredentialsProvider(provider);
        }
      }
    };
  }

  /** The HTTPS provider for a repository URL, or null to go anonymous. */
  public CredentialsProvider forUrl(String url) {
    String host = host(url);
    if (host != null) {
      Optional<String> secret = read(host + ".token");
      if (secret.isPresent()) {
        return new UsernamePasswordCredentialsProvider(
            read(host + ".username").orElse("git"), secret.get());
      }
    }
    return token
        .map(t -> new UsernamePasswordCredentialsProvider(username.orElse("git"), t))
        .orElse(null);
  }

  /** The private key and known hosts files SSH uses for {@code host}, if any. */
  public Optional<Path> sshKey(String host) {
    return file(host + ".ssh-privatekey").or(() -> sshKeyFile.map(Path::of));
  }

  /** The known hosts file for {@code host}, if any; without one no SSH host is trusted. */
  public Optional<Path> knownHosts(String host) {
    return file(host + ".known_hosts").or(() -> knownHostsFile.map(Path::of));
  }

  @Override
  public String toString() {
    return "GitCredentials[dir=" + dir + ", username=" + username.orElse("-") + ", token=***]";
  }

  private SshdSessionFactory ssh(String host) {
    List<Path> keys = sshKey(host).stream().toList();
    List<Path> known = knownHosts(host).stream().toList();
    return sshFactories.computeIfAbsent(
        List.of(keys.toString(), known.toString()),
        k -> {
          Path home = sshHome();
          return new SshdSessionFactoryBuilder()
              .setHomeDirectory(home.toFile())
              .setSshDirectory(home.toFile())
              .setConfigFile(h -> home.resolve("config").toFile())
              .setDefaultIdentities(h -> keys)
              .setDefaultKnownHostsFiles(h -> known)
              .setPreferredAuthentications("publickey")
              .build(new JGitKeyCache());
        });
  }

  /** An empty home for SSH with a config that only trusts known hosts. */
  private static Path sshHome() {
    try {
      Path home = Files.createTempDirectory("shopset-ssh");
      Files.writeString(
          home.resolve("config"), "Host *\n  StrictHostKeyChecking yes\n  BatchMode yes\n");
      return home;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the SSH configuration", e);
    }
  }

  private static String host(String url) {
    try {
      return new URIish(url).getHost();
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private Optional<Path> file(String name) {
    Path file = dir.resolve(name);
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  private Optional<String> read(String name) {
    return file(name)
        .map(file -> {
          try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
          } catch (IOException e) {
            throw new UncheckedIOException(
                "Cannot read credentials file " + file.getFileName(),
                new IOException(e.getClass().getSimpleName()));
          }
        });
  }
}
