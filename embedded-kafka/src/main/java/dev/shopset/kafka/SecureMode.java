package dev.shopset.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker's secure mode as Kafka settings: its listeners and authorizer, the super user's SCRAM
 * credential written at format time, and what a client of it needs.
 */
final class SecureMode {

  static final String SCRAM = "SCRAM-SHA-512";

  private SecureMode() {}

  /**
   * Clients (and the broker itself) on SASL_SSL with SCRAM-SHA-512; the controller listener on
   * mutual TLS, where only the broker's own certificate gets in. Every request is authorized by the
   * StandardAuthorizer: nothing is allowed without an ACL, except to the super users.
   */
  static String listeners(
      int port, int controllerPort, EmbeddedKafkaBroker.Security security, BrokerTls tls) {
    return String.join(
        "\n",
        "listeners=SECURE://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=SECURE://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=SECURE",
        "listener.security.protocol.map=SECURE:SASL_SSL,CONTROLLER:SSL",
        "sasl.enabled.mechanisms=" + SCRAM,
        "sasl.mechanism.inter.broker.protocol=" + SCRAM,
        "listener.name.secure.scram-sha-512.sasl.jaas.config="
            + jaasConfig(security.adminUser(), security.adminPassword()),
        "ssl.keystore.type=PKCS12",
        "ssl.keystore.location=" + tls.brokerKeyStore(),
        "ssl.keystore.password=" + tls.password(),
        "ssl.key.password=" + tls.password(),
        "ssl.truststore.type=PKCS12",
        "ssl.truststore.location=" + tls.caTrustStore(),
        "ssl.truststore.password=" + tls.password(),
        "listener.name.controller.ssl.client.auth=required",
        "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        "allow.everyone.if.no.acl.found=false",
        "super.users=User:" + security.adminUser() + ";User:" + BrokerTls.BROKER_PRINCIPAL);
  }

  /**
   * The super user's credential for {@code kafka-storage format --add-scram}, so the broker's own
   * SASL connections authenticate from the first start (KIP-900).
   */
  static String formatCredential(EmbeddedKafkaBroker.Security security) {
    return SCRAM + "=[name=" + security.adminUser() + ",password=" + security.adminPassword() + "]";
  }

  /** A SCRAM user's client settings, trusting the cluster CA as a PEM file. */
  static Map<String, String> clientSettings(
      String bootstrapServers, BrokerTls tls, String user, String password) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("bootstrap.servers", bootstrapServers);
    settings.put("security.protocol", "SASL_SSL");
    settings.put("sasl.mechanism", SCRAM);
    settings.put("sasl.jaas.config", jaasConfig(user, password));
    settings.put("ssl.truststore.type", "PEM");
    settings.put("ssl.truststore.location", tls.caCertificate().toString());
    return settings;
  }

  /** The JAAS line of a SCRAM user, as Strimzi writes it into a KafkaUser's Secret. */
  static String jaasConfig(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }
}
