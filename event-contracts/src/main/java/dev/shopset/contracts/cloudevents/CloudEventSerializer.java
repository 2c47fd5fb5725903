package dev.shopset.contracts.cloudevents;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for {@link CloudEvent}s in binary mode: headers plus JSON body. */
public class CloudEventSerializer implements Serializer<CloudEvent<?>> {

  @Override
  public byte[] serialize(String topic, CloudEvent<?> event) {
    // Binary mode needs headers; without them the attributes would be lost.
    return serialize(topic, new RecordHeaders(), event);
  }

  @Override
  public byte[] serialize(String topic, Headers headers, CloudEvent<?> event) {
    return event == null ? null : EventCodec.encode(event, headers);
  }
}
