package dev.shopset.local;

import dev.shopset.contracts.EventType;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.cloudevents.EventDecodingException;
import dev.shopset.contracts.events.ShopSetEvent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every ShopSet topic from the beginning and prints one line per event as it happens, with
 * the trace id of the change it belongs to; keeps what it saw so the run can wait for an event and
 * count them in its summary.
 */
final class EventConsole implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread reader;
  private final List<ShopSetEvent> seen = new CopyOnWriteArrayList<>();

  EventConsole(String bootstrapServers, Consumer<String> print) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "shopset-local-console",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    var topics =
        Arrays.stream(EventType.values()).map(EventType::topic).collect(Collectors.toSet());
    reader =
        Thread.ofPlatform()
            .name("event-console")
            .daemon()
            .start(() -> {
              try (consumer) {
                consumer.subscribe(topics);
                while (true) {
                  for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                      continue; // a tombstone: compaction's business, not an event
                    }
                    try {
                      var cloudEvent = EventCodec.decode(record.headers(), record.value());
                      seen.add(cloudEvent.data());
                      print.accept(EventLine.of(cloudEvent.data(), cloudEvent.trace()));
                    } catch (EventDecodingException e) {
                      print.accept(
                          "unreadable record on " + record.topic() + ": " + e.getMessage());
                    }
                  }
                }
              } catch (WakeupException stopping) {
                // close() woke the consumer up
              }
            });
  }

  /** Every event seen so far of {@code type}, oldest first. */
  <T extends ShopSetEvent> List<T> seen(Class<T> type) {
    return seen.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    reader.join(5_000);
  }
}
