package dev.shopset.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TLS material of a secure embedded broker, made with the JDK's {@code keytool}: a cluster CA,
 * the broker's key and CA-signed certificate (valid for 127.0.0.1 and localhost), and the CA as a
 * trust store in the shapes of Strimzi's cluster CA Secret ({@code ca.crt}, {@code ca.p12}, {@code
 * ca.password}). Made once per directory; a restarted broker reuses it.
 */
final class BrokerTls {

  /** The principal the broker's certificate maps to on the mutual-TLS controller listener. */
  static final String BROKER_PRINCIPAL = "CN=shopset-embedded-broker";

  // Test material only: the CA key never leaves the broker's data directory.
  private static final String PASSWORD = "embedded-kafka-tls";

  private final Path dir;

  private BrokerTls(Path dir) {
    this.dir = dir;
  }

  static BrokerTls create(Path dir) {
    BrokerTls tls = new BrokerTls(dir);
    if (!Files.exists(tls.brokerKeyStore())) {
      tls.generate();
    }
    return tls;
  }

  /** The cluster CA certificate, PEM (Strimzi: {@code ca.crt}). */
  Path caCertificate() {
    return dir.resolve("ca.crt");
  }

  /** The cluster CA certificate in a PKCS12 trust store (Strimzi: {@code ca.p12}). */
  Path caTrustStore() {
    return dir.resolve("ca.p12");
  }

  /** The broker's key and certificate chain, PKCS12. */
  Path brokerKeyStore() {
    return dir.resolve("broker.p12");
  }

  /** Password of every store here (Strimzi: {@code ca.password}). */
  String password() {
    return PASSWORD;
  }

  private void generate() {
    try {
      Files.createDirectories(dir);
      Path caKeys = dir.resolve("ca-key.p12");
      Path request = dir.resolve("broker.csr");
      Path signed = dir.resolve("broker.crt");
      Path keys = dir.resolve("broker-partial.p12");
      keytool(
          "-genkeypair",
          "-alias",
          "ca",
          "-dname",
          "CN=shopset-embedded-ca",
          "-keyalg",
          "EC",
          "-validity",
          "3650",
          "-ext",
          "bc:c",
          "-keystore",
          caKeys.toString());
      keytool(
          "-exportcert",
          "-rfc",
          "-alias",
          "ca",
          "-keystore",
          caKeys.toString(),
          "-file",
          caCertificate().toString());
      keytool(
          "-importcert",
          "-noprompt",
          "-alias",
          "ca",
          "-file",
          caCertificate().toString(),
          "-keystore",
          caTrustStore().toString());
      keytool(
          "-genkeypair",
          "-alias",
          "broker",
          "-dname",
          BROKER_PRINCIPAL,
          "-keyalg",
          "EC",
          "-validity",
          "3650",
          "-keystore",
          keys.toString());
      keytool(
          "-certreq",
          "-alias",
          "broker",
          "-keystore",
          keys.toString(),
          "-file",
          request.toString());
      keytool(
          "-gencert",
          "-rfc",
          "-alias",
          "ca",
          "-keystore",
          caKeys.toString(),
          "-infile",
          request.toString(),
          "-outfile",
          signed.toString(),
          "-validity",
          "3650",
          "-ext",
          "SAN=ip:127.0.0.1,dns:localhost",
          "-ext",
          "EKU=serverAuth,clientAuth");
      keytool(
          "-importcert",
          "-noprompt",
          "-alias",
          "ca",
          "-file",
          caCertificate().toString(),
          "-keystore",
          keys.toString());
      keytool(
          "-importcert",
          "-alias",
          "broker",
          "-file",
          signed.toString(),
          "-keystore",
          keys.toString());
      // Only a complete key store under the final name: a half-made one is made again next time.
      Files.move(keys, brokerKeyStore());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not make the embedded broker's TLS material", e);
    }
  }

  private void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.add("-J-XX:TieredStopAtLevel=1");
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool " + String.join(" ", args) + " failed:\n" + output);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while running keytool", e);
    }
  }
}
