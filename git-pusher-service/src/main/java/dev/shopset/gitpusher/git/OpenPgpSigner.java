package dev.shopset.gitpusher.git;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.Provider;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A detached, armored OpenPGP signature of a commit (what {@code git verify-commit} checks), made
 * with BouncyCastle from an exported secret key ({@code gpg --export-secret-keys [--armor]}), the
 * first signing-capable secret key of the file. No GnuPG home, no agent.
 */
final class OpenPgpSigner {

  private static final Provider BC = new BouncyCastleProvider();

  private OpenPgpSigner() {}

  static GpgSignature sign(
      byte[] key, Optional<String> passphrase, byte[] data, PersonIdent committer)
      throws IOException {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(key))) {
      PGPSecretKey secret =
          signingKey(new PGPSecretKeyRingCollection(in, new JcaKeyFingerprintCalculator()));
      PGPPrivateKey privateKey =
          secret.extractPrivateKey(
              new JcePBESecretKeyDecryptorBuilder(
                      new JcaPGPDigestCalculatorProviderBuilder().setProvider(BC).build())
                  .setProvider(BC)
                  .build(passphrase.map(String::toCharArray).orElse(new char[0])));
      PGPSignatureGenerator generator =
          new PGPSignatureGenerator(
              new JcaPGPContentSignerBuilder(
                      secret.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256)
                  .setProvider(BC),
              secret.getPublicKey());
      generator.init(PGPSignature.BINARY_DOCUMENT, privateKey);
      PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
      hashed.setSignatureCreationTime(false, Date.from(committer.getWhenAsInstant()));
      hashed.setIssuerFingerprint(false, secret.getPublicKey());
      generator.setHashedSubpackets(hashed.generate());
      PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
      unhashed.setIssuerKeyID(false, secret.getKeyID());
      generator.setUnhashedSubpackets(unhashed.generate());
      generator.update(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(out)) {
        generator.generate().encode(armor);
      }
      return new GpgSignature(out.toByteArray());
    } catch (PGPException e) {
      throw new IOException(
          "Cannot sign with the OpenPGP key (wrong passphrase, or no secret signing key in the"
              + " file): "
              + e.getMessage());
    }
  }

  private static PGPSecretKey signingKey(PGPSecretKeyRingCollection rings) throws IOException {
    for (PGPSecretKeyRing ring : rings) {
      for (PGPSecretKey key : ring) {
        if (key.isSigningKey() && !key.isPrivateKeyEmpty()) {
          return key;
        }
      }
    }
    throw new IOException("The OpenPGP key file holds no secret signing key");
  }
}
