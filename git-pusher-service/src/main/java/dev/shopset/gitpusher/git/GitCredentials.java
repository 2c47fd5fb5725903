package dev.shopset.gitpusher.git;

import dev.shopset.contracts.join.RepositoryPolicy;
import dev.shopset.gitpusher.config.GitPusherConfig;
import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.RepositoryUrls;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Which repositories may be reached, and with which credentials. A URL outside every allowed prefix
 * ({@link RepositoryPolicy}), a {@code file://} or {@code ext::} URL, an ssh URL smuggling options,
 * a URL carrying credentials: refused before any network call. Credentials come per URL prefix,
 * like Argo CD's credential templates ({@link CredentialSets}: the longest matching prefix wins)
 * and are sent only to URLs under their own prefix. SSH checks host keys strictly against the set's
 * known hosts and never reads {@code ~/.ssh}. Secrets are never logged nor put into messages.
 */
public final class GitCredentials {

  private final RepositoryPolicy policy;
  private final CredentialSets sets;
  private final Map<List<String>, SshdSessionFactory> sshFactories = new ConcurrentHashMap<>();

  public GitCredentials(RepositoryPolicy policy, CredentialSets sets) {
    this.policy = policy;
    this.sets = sets;
  }

  /** From the service's settings. */
  public static GitCredentials of(GitPusherConfig.Credentials config, List<String> prefixes) {
    CredentialSets.Set configured =
        new CredentialSets.Set(
            "configured",
            config.url().map(CredentialSets::prefix).orElse(""),
            config.username().orElse("git"),
            config.token(),
            config.sshKey().map(key -> privateFile("ssh-key", key)).or(config::sshKeyFile),
            config
                .sshKnownHosts()
                .map(hosts -> privateFile("known_hosts", hosts))
                .or(config::sshKnownHostsFile));
    return new GitCredentials(
        RepositoryPolicy.allowing(prefixes), new CredentialSets(Path.of(config.dir()), configured));
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
   * hosts) for SSH URLs, else the HTTPS credentials, of the credential set whose prefix {@code url}
   * is under.
   *
   * @throws GitFailure INVALID {@code RepositoryNotAllowed} when {@code url} may not be used
   */
  public TransportConfigCallback transport(String url) throws GitFailure {
    Optional<String> refusal = policy.refusal(url);
    if (refusal.isPresent()) {
      throw new GitFailure(
          GitFailure.Kind.INVALID,
          FailureReason.RepositoryNotAllowed,
          "repository "
              + RepositoryUrls.scrub(url)
              + " "
              + refusal.get()
              + "; the platform allows repositories under shopset.repositories.prefixes");
    }
    Optional<CredentialSets.Set> set = sets.forUrl(url);
    return transport -> {
      if (transport instanceof SshTransport ssh) {
        ssh.setSshSessionFactory(ssh(set));
      } else {
        CredentialsProvider provider = set.flatMap(CredentialSets.Set::https).orElse(null);
        if (provider != null) {
          transport.setCredentialsProvider(provider);
        }
      }
    };
  }

  /** The HTTPS credentials {@code url} would be sent, or null (anonymous); tests. */
  CredentialsProvider forUrl(String url) {
    return sets.forUrl(url).flatMap(CredentialSets.Set::https).orElse(null);
  }

  /** The credential set {@code url} falls under, if any. */
  Optional<CredentialSets.Set> setFor(String url) {
    return sets.forUrl(url);
  }

  @Override
  public String toString() {
    return "GitCredentials[" + policy.prefixes() + ", " + sets + "]";
  }

  private SshdSessionFactory ssh(Optional<CredentialSets.Set> set) {
    List<Path> keys = set.flatMap(CredentialSets.Set::sshKey).map(Path::of).stream().toList();
    List<Path> known = set.flatMap(CredentialSets.Set::knownHosts).map(Path::of).stream().toList();
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
}
