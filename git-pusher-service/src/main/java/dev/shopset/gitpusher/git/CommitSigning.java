package dev.shopset.gitpusher.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.lib.Signers;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * How git-pusher signs the commits it makes: not at all (the local run's default), with an SSH key
 * (git's {@code gpg.format=ssh}, verified with an allowed signers file) or with an OpenPGP key
 * ({@code gpg.format=openpgp}, verified with the public keyring). The key comes from a file, a
 * mounted Secret; it is read at each commit, so a rotated key needs no restart.
 */
public sealed interface CommitSigning {

  /** Signs {@code commit} (its tree, parents, author, committer and message are set). */
  void sign(Repository repo, CommitBuilder commit, PersonIdent committer) throws IOException;

  /** Unsigned commits. */
  record None() implements CommitSigning {
    @Override
    public void sign(Repository repo, CommitBuilder commit, PersonIdent committer) {}
  }

  /** SSH signatures (JGit's SSH signer) with the private key in {@code keyFile}. */
  record Ssh(Path keyFile, Optional<String> passphrase) implements CommitSigning {
    @Override
    public void sign(Repository repo, CommitBuilder commit, PersonIdent committer)
        throws IOException {
      Signer signer = Signers.get(GpgConfig.GpgFormat.SSH);
      if (signer == null) {
        throw new IOException("No SSH signer: org.eclipse.jgit.ssh.apache is missing");
      }
      Config settings = new Config();
      settings.setString("gpg", null, "format", "ssh");
      settings.setString("user", null, "signingKey", keyFile.toString());
      GpgConfig config = new GpgConfig(settings);
      try {
        GpgSignature signature =
            signer.sign(
                repo,
                config,
                commit.build(),
                committer,
                keyFile.toString(),
                passphrase.map(CommitSigning::passphrase).orElse(null));
        commit.setGpgSignature(signature);
      } catch (IOException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException("Cannot sign with the SSH key " + keyFile + ": " + e.getMessage());
      }
    }
  }

  /** OpenPGP signatures with the (armored or binary) secret key in {@code keyFile}. */
  record OpenPgp(Path keyFile, Optional<String> passphrase) implements CommitSigning {
    @Override
    public void sign(Repository repo, CommitBuilder commit, PersonIdent committer)
        throws IOException {
      commit.setGpgSignature(
          OpenPgpSigner.sign(Files.readAllBytes(keyFile), passphrase, commit.build(), committer));
    }
  }

  /** Answers a passphrase question of a key. */
  private static CredentialsProvider passphrase(String passphrase) {
    return new CredentialsProvider() {
      @Override
      public boolean isInteractive() {
        return false;
      }

      @Override
      public boolean supports(CredentialItem... items) {
        return true;
      }

      @Override
      public boolean get(URIish uri, CredentialItem... items) {
        for (CredentialItem item : items) {
          if (item instanceof CredentialItem.CharArrayType chars) {
            chars.setValueNoCopy(passphrase.toCharArray());
          } else if (item instanceof CredentialItem.StringType text) {
            text.setValue(passphrase);
          }
        }
        return true;
      }
    };
  }

  /** The signing the settings ask for: {@code none}, {@code ssh} or {@code openpgp}. */
  public static CommitSigning of(
      String format, Optional<String> keyFile, Optional<String> passphrase) {
    return switch (format.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "none", "" -> new None();
      case "ssh" -> new Ssh(Path.of(required(keyFile, format)), passphrase);
      case "openpgp", "gpg" -> new OpenPgp(Path.of(required(keyFile, format)), passphrase);
      default ->
          throw new IllegalArgumentException(
              "shopset.git-pusher.signing.format must be none, ssh or openpgp, not " + format);
    };
  }

  private static String required(Optional<String> keyFile, String format) {
    return keyFile.orElseThrow(() ->
        new IllegalArgumentException(
            "shopset.git-pusher.signing.format=" + format + " needs signing.key-file"));
  }
}
