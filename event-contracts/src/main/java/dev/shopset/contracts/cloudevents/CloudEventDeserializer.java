package dev.shopset.contracts.cloudevents;

import dev.shopset.contracts.events.ShopSetEvent;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for {@link CloudEvent}s in binary mode. A record it cannot read raises an
 * {@link EventDecodingException} saying why; a tombstone (null body) gives null.
 */
public class CloudEventDeserializer implements Deserializer<CloudEvent<ShopSetEvent>> {

  @Override
  public CloudEvent<ShopSetEvent> deserialize(String topic, byte[] data) {
    return deserialize(topic, new RecordHeaders(), data);
  }

  @Override
  public CloudEvent<ShopSetEvent> deserialize(String topic, Headers headers, byte[] data) {
    return data == null ? null : EventCodec.decode(headers, data);
  }
}
