package dev.shopset.gitpusher.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * Test git host over SSH on loopback (Apache MINA sshd with JGit's upload-pack and receive-pack):
 * public-key authentication for one client key, bare repositories {@code <name>.git} under a root,
 * at {@code ssh://git@127.0.0.1:<port>/<name>.git}.
 */
public final class SshGitServer implements AutoCloseable {

  private final SshServer server;
  private final PublicKey hostKey;

  private SshGitServer(SshServer server, PublicKey hostKey) {
    this.server = server;
    this.hostKey = hostKey;
  }

  /** Serves {@code root}, letting in only the holder of {@code clientKey}'s private key. */
  public static SshGitServer start(Path root, PublicKey clientKey) {
    try {
      SshServer server = SshServer.setUpDefaultServer();
      server.setHost("127.0.0.1");
      server.setPort(0);
      SimpleGeneratorHostKeyProvider hostKeys =
          new SimpleGeneratorHostKeyProvider(Files.createTempFile("ssh-host", ".key"));
      Files.delete(hostKeys.getPath());
      server.setKeyPairProvider(hostKeys);
      server.setPublickeyAuthenticator(
          (user, key, session) -> KeyUtils.compareKeys(key, clientKey));
      server.setCommandFactory((channel, command) -> new GitCommand(root, command));
      server.start();
      PublicKey hostKey = hostKeys.loadKeys(null).iterator().next().getPublic();
      return new SshGitServer(server, hostKey);
    } catch (IOException e) {
      throw new IllegalStateException("Could not start the SSH git server", e);
    }
  }

  /** A new client key pair. */
  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes a private key in OpenSSH format, as {@code ssh-keygen} would. */
  public static void writePrivateKey(KeyPair pair, Path file) {
    try (OutputStream out = Files.newOutputStream(file)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "test", null, out);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code ssh://git@127.0.0.1:<port>/<name>.git}. */
  public String url(String repository) {
    return "ssh://git@127.0.0.1:" + port() + "/" + repository + ".git";
  }

  /** {@code ssh://git@127.0.0.1:<port>/}: the prefix of every repository of this host. */
  public String prefix() {
    return "ssh://git@127.0.0.1:" + port() + "/";
  }

  public int port() {
    return ((InetSocketAddress) server.getBoundAddresses().iterator().next()).getPort();
  }

  /** The {@code known_hosts} line of this server. */
  public String knownHostsLine() {
    return "[127.0.0.1]:" + port() + " " + publicKeyLine(hostKey);
  }

  /** {@code <type> <base64>} of a public key. */
  public static String publicKeyLine(PublicKey key) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(key, null, out);
      return out.toString(StandardCharsets.US_ASCII).strip();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      server.stop(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code git-upload-pack '/x.git'} or {@code git-receive-pack '/x.git'} on a bare repository. */
  private static final class GitCommand implements Command {
    private final Path root;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    GitCommand(Path root, String command) {
      this.root = root;
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
      this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      Thread.ofVirtual().start(() -> run(env.getEnv().get("GIT_PROTOCOL")));
    }

    private void run(String protocol) {
      String[] parts = command.split(" ", 2);
      String name = parts.length < 2 ? "" : parts[1].replace("'", "").replaceFirst("^/", "");
      Path dir = root.resolve(name).normalize();
      if (!dir.startsWith(root) || !Files.isDirectory(dir)) {
        exit.onExit(1, "no repository " + name);
        return;
      }
      try (Repository repo =
          new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build()) {
        switch (parts[0]) {
          case "git-upload-pack" -> {
            UploadPack upload = new UploadPack(repo);
            if (protocol != null) {
              upload.setExtraParameters(List.of(protocol.split(":")));
            }
            upload.upload(in, out, err);
          }
          case "git-receive-pack" -> new ReceivePack(repo).receive(in, out, err);
          default -> {
            exit.onExit(127, "unknown command");
            return;
          }
        }
        out.flush();
        exit.onExit(0);
      } catch (IOException | RuntimeException e) {
        exit.onExit(1, String.valueOf(e.getMessage()));
      }
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
