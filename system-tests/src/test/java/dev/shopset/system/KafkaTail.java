package dev.shopset.system;

import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.cloudevents.EventDecodingException;
import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.contracts.events.ShopSetEvent;
import dev.shopset.contracts.events.ShopSetRef;
import dev.shopset.contracts.resources.ShopSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Reads topics from the beginning in the background and keeps every record, with when it was seen.
 * Survives a broker restart (the consumer reconnects by itself).
 */
final class KafkaTail implements AutoCloseable {

  /** One record as read. */
  record Seen(String topic, String key, byte[] value, Map<String, String> headers, Instant seenAt) {

    /** The decoded event, or null for a tombstone or a record the codec cannot read. */
    ShopSetEvent event() {
      if (value == null) {
        return null;
      }
      try {
        var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        this.headers.forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return EventCodec.decode(headers, value).data();
      } catch (EventDecodingException e) {
        return null;
      }
    }

    String header(String name) {
      return headers.get(name);
    }
  }

  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private final List<Seen> seen = new ArrayList<>();

  KafkaTail(String bootstrapServers, String... topics) {
    this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topics);
  }

  /** With client settings of their own (a secure broker's user, its CA). */
  KafkaTail(Map<String, String> clientSettings, String... topics) {
    Map<String, Object> settings = new java.util.HashMap<>(clientSettings);
    settings.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, "system-tests-" + UUID.randomUUID());
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topics));
    thread = Thread.ofPlatform().name("tail-" + String.join(",", topics)).daemon().start(this::run);
  }

  private void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          Map<String, String> headers = new java.util.LinkedHashMap<>();
          for (Header h : r.headers()) {
            headers.put(
                h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
          }
          Seen s = new Seen(r.topic(), r.key(), r.value(), headers, Instant.now());
          synchronized (seen) {
            seen.add(s);
          }
        }
      }
    } catch (WakeupException stopping) {
      // close() woke us up
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  List<Seen> records() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  List<Seen> records(String topic) {
    return records().stream().filter(r -> r.topic().equals(topic)).toList();
  }

  /** Decoded events of a type, in the order read. */
  <T extends ShopSetEvent> List<T> events(Class<T> type) {
    return records().stream().map(Seen::event).filter(type::isInstance).map(type::cast).toList();
  }

  /** Waits for a CommitPushed that carries the ShopSet at its generation (or a later one). */
  CommitPushed awaitCommitted(ShopSet shopSet, Duration timeout) {
    String ns = shopSet.getMetadata().getNamespace();
    String name = shopSet.getMetadata().getName();
    long generation = shopSet.getMetadata().getGeneration();
    CommitPushed[] found = new CommitPushed[1];
    Awaitility.await()
        .atMost(timeout)
        .until(() -> {
          for (CommitPushed c : events(CommitPushed.class)) {
            for (ShopSetRef ref : c.shopSets()) {
              if (ref.namespace().equals(ns)
                  && ref.name().equals(name)
                  && ref.generation() >= generation) {
                found[0] = c;
                return true;
              }
            }
          }
          return false;
        });
    return found[0];
  }

  @Override
  public void close() {
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
