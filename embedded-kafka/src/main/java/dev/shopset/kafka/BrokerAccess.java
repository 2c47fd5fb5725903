package dev.shopset.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What Strimzi's User and Topic Operators do for a secure embedded broker, done as its super user:
 * SCRAM-SHA-512 users, ACLs and topics. Needs {@code kafka-clients} on the caller's classpath.
 */
public final class BrokerAccess implements AutoCloseable {

  private static final long TIMEOUT_SECONDS = 30;

  private final Admin admin;

  private BrokerAccess(Admin admin) {
    this.admin = admin;
  }

  /** Access to {@code broker} as its super user. */
  public static BrokerAccess of(EmbeddedKafkaBroker broker) {
    return new BrokerAccess(Admin.create(new HashMap<>(broker.adminSettings())));
  }

  /** Creates (or changes the password of) a SCRAM-SHA-512 user. */
  public BrokerAccess createUser(String user, String password) {
    await(
        admin
            .alterUserScramCredentials(
                List.of(
                    new UserScramCredentialUpsertion(
                        user,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                        password)))
            .all());
    return this;
  }

  /** Allows {@code user} the operations on a resource, from any host. */
  public BrokerAccess allow(
      String user,
      ResourceType type,
      String name,
      PatternType pattern,
      AclOperation... operations) {
    List<AclBinding> bindings = new ArrayList<>();
    for (AclOperation operation : operations) {
      bindings.add(
          new AclBinding(
              new ResourcePattern(type, name, pattern),
              new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
    }
    return allow(bindings);
  }

  /** Creates the ACL bindings. */
  public BrokerAccess allow(Collection<AclBinding> bindings) {
    await(admin.createAcls(bindings).all());
    return this;
  }

  /** Creates the topics that do not exist yet, with the broker's default partition count. */
  public BrokerAccess createTopics(Collection<String> topics) {
    Map<String, Map<String, String>> plain = new java.util.LinkedHashMap<>();
    topics.forEach(t -> plain.put(t, Map.of()));
    return createTopics(plain);
  }

  /** Creates the topics that do not exist yet, each with its configuration (e.g. compaction). */
  public BrokerAccess createTopics(Map<String, Map<String, String>> topicConfigs) {
    List<NewTopic> topics = new ArrayList<>();
    topicConfigs.forEach((name, config) ->
        topics.add(new NewTopic(name, Optional.empty(), Optional.empty()).configs(config)));
    admin
        .createTopics(topics)
        .values()
        .forEach((name, created) -> {
          try {
            created.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
          } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
              throw new IllegalStateException("Could not create " + name, e.getCause());
            }
          } catch (InterruptedException | TimeoutException e) {
            throw failed(e);
          }
        });
    return this;
  }

  @Override
  public void close() {
    admin.close();
  }

  private static void await(org.apache.kafka.common.KafkaFuture<Void> future) {
    try {
      future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("The broker refused: " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw failed(e);
    }
  }

  private static IllegalStateException failed(Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return new IllegalStateException("No answer from the broker: " + e, e);
  }
}
