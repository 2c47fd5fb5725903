package dev.shopset.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.cloudevents.CloudEvent;
import dev.shopset.contracts.cloudevents.CloudEventDeserializer;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.events.PromotionApprovalState;
import dev.shopset.contracts.events.PromotionResult;
import dev.shopset.contracts.events.ShopSetEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * {@code previousCommit} (what a rollback goes back to) travels on promotion results and approval
 * states, and records written before it existed still read, with it absent.
 */
class PreviousCommitTest {

  private static final String BEFORE = "3333333333333333333333333333333333333333";
  private static final String AFTER = "4444444444444444444444444444444444444444";
  private final CloudEventDeserializer deserializer = new CloudEventDeserializer();

  @Test
  void aPromotionResultCarriesTheHeadTheBranchHadBefore() {
    var result =
        new PromotionResult(
            "p",
            3,
            "https://git.example/app.git",
            "dev",
            "prod",
            PromotionResult.Outcome.SUCCEEDED,
            AFTER,
            null,
            "moved",
            BEFORE);

    var read = roundTrip(result);

    assertThat(((PromotionResult) read.data()).previousCommit()).isEqualTo(BEFORE);
    assertThat(new String(EventCodec.body(result), StandardCharsets.UTF_8))
        .contains("\"previousCommit\":\"" + BEFORE + "\"");
  }

  @Test
  void aSucceededApprovalStateCarriesWhatARollbackGoesBackTo() {
    var state = succeeded(BEFORE);

    var read = roundTrip(state);

    assertThat(((PromotionApprovalState) read.data()).previousCommit()).isEqualTo(BEFORE);
  }

  @Test
  void recordsWrittenBeforeTheFieldExistedReadWithItAbsent() {
    var result =
        new PromotionResult(
            "p",
            3,
            "https://git.example/app.git",
            "dev",
            "prod",
            PromotionResult.Outcome.SUCCEEDED,
            AFTER,
            null,
            "moved");
    // Absent fields are left out, so such an event keeps the bytes (and the id) it had before.
    String body = new String(EventCodec.body(result), StandardCharsets.UTF_8);
    assertThat(body).doesNotContain("previousCommit");

    Headers headers = new RecordHeaders();
    EventCodec.encode(CloudEvent.of("/test", result, EventSamples.T0), headers);
    var read = deserializer.deserialize("t", headers, body.getBytes(StandardCharsets.UTF_8));

    assertThat(((PromotionResult) read.data()).previousCommit()).isNull();
    assertThat(read.data()).isEqualTo(result);
    assertThat(roundTrip(succeeded(null)).data())
        .extracting(d -> ((PromotionApprovalState) d).previousCommit())
        .isNull();
  }

  private CloudEvent<?> roundTrip(ShopSetEvent data) {
    var event = CloudEvent.of("/test", data, EventSamples.T0);
    Headers headers = new RecordHeaders();
    byte[] body = EventCodec.encode(event, headers);
    CloudEvent<?> read = deserializer.deserialize("t", headers, body);
    assertThat(read).isEqualTo(event);
    return read;
  }

  private static PromotionApprovalState succeeded(String previousCommit) {
    return new PromotionApprovalState(
        null,
        "p",
        3,
        "dev",
        "prod",
        null,
        false,
        "alice",
        0,
        List.of(),
        null,
        null,
        PromotionApprovalState.State.SUCCEEDED,
        null,
        "promoted",
        previousCommit);
  }
}
