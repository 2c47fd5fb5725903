package dev.shopset.gitpusher.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Configuration of the git-pusher-service ({@code shopset.git-pusher.*}). */
@ConfigMapping(prefix = "shopset.git-pusher")
public interface GitPusherConfig {

  /** Where the persistent workspaces (bare clones) live. */
  @WithDefault("/var/lib/shopset/workspaces")
  String workspaceDir();

  /** Batching of render results per branch. */
  Batch batch();

  /** Pushing and retrying. */
  Push push();

  /** Credentials for git hosts. */
  Credentials credentials();

  /** The push webhook. */
  Webhook webhook();

  /** Polling of source branches. */
  Poll poll();

  /** Asking app and configuration repositories for their heads. */
  Sources sources();

  /** Retries of held work and of failing branches. */
  Retry retry();

  /** Per-branch queues. */
  Queue queue();

  /** Commit signatures. */
  Signing signing();

  /** Author and committer of the commits. */
  @WithDefault("ShopSet git-pusher")
  String authorName();

  /** Author and committer e-mail. */
  @WithDefault("git-pusher@shopset.dev")
  String authorEmail();

  /** Batching settings. */
  interface Batch {
    @WithDefault("300ms")
    Duration window();

    /** A batch closes once no result has arrived for this long (capped by the window). */
    @WithDefault("50ms")
    Duration quiet();

    @WithDefault("500")
    int maxCount();
  }

  /** Push retry settings. */
  interface Push {
    @WithDefault("5")
    int maxRejections();

    @WithDefault("200ms")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();
  }

  /** Credentials, per repository URL prefix. */
  interface Credentials {
    /**
     * Directory of credential sets (a mounted Secret): {@code <id>.url} (the prefix), {@code
     * <id>.username} + {@code <id>.password}, or {@code <id>.ssh-privatekey} + {@code
     * <id>.known_hosts}.
     */
    @WithDefault("/etc/shopset/git-credentials")
    String dir();

    /**
     * The prefix the credentials configured below apply to; absent: every allowed prefix (one
     * platform-wide set).
     */
    Optional<String> url();

    /** Username for hosts without files. */
    Optional<String> username();

    /** Token for hosts without files. */
    Optional<String> token();

    /** SSH private key file. */
    Optional<String> sshKeyFile();

    /** SSH known_hosts file. */
    Optional<String> sshKnownHostsFile();

    /** SSH private key itself (OpenSSH or PEM text), for when it comes as an env variable. */
    Optional<String> sshKey();

    /** known_hosts lines themselves, for when they come as an env variable. */
    Optional<String> sshKnownHosts();
  }

  /** Webhook settings. */
  interface Webhook {
    /** Shared secret of GitHub/Gitea signatures and the GitLab token; no secret refuses all. */
    Optional<String> secret();

    /** How many delivery ids are remembered to refuse replays. */
    @WithDefault("10000")
    int deliveries();
  }

  /** Signatures of our commits. */
  interface Signing {
    /** {@code none}, {@code ssh} or {@code openpgp}. */
    @WithDefault("none")
    String format();

    /** The SSH private key, or the exported OpenPGP secret key (a mounted Secret). */
    Optional<String> keyFile();

    /** A file holding the key's passphrase, if it has one. */
    Optional<String> passphraseFile();
  }

  /** Retries of what someone has to fix first. */
  interface Retry {
    /** First delay before held work (its source failed) or a failing branch is tried again. */
    @WithDefault("1m")
    Duration heldInitial();

    /** Longest such delay. */
    @WithDefault("5m")
    Duration heldMax();
  }

  /** The per-branch queues. */
  interface Queue {
    /** Pending items of one branch above which its partition is paused (resumed at half). */
    @WithDefault("1000")
    int maxPending();

    /** How long a revoked branch's writer may finish a push in flight. */
    @WithDefault("10s")
    Duration closeWait();
  }

  /** Resolution of source heads before a commit. */
  interface Sources {
    /** How long one app or configuration repository may take to answer. */
    @WithDefault("20s")
    Duration timeout();
  }

  /** Poll settings. */
  interface Poll {
    @WithDefault("true")
    boolean enabled();

    @WithDefault("60s")
    Duration interval();
  }
}
