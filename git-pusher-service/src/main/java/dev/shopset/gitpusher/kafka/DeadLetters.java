package dev.shopset.gitpusher.kafka;

import dev.shopset.gitpusher.domain.PusherMetrics;
import dev.shopset.gitpusher.domain.WorkRefused;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Nacks a record into its channel's dead-letter topic (the channels' failure strategy) and counts
 * it by why: a {@link WorkRefused}'s reason, {@code Undecodable}, or the exception's class.
 */
final class DeadLetters {

  private DeadLetters() {}

  static CompletionStage<Void> nack(
      Message<?> message, String topic, Throwable why, PusherMetrics metrics) {
    metrics.deadLettered(topic, reason(why));
    return message.nack(why);
  }

  static String reason(Throwable why) {
    if (why instanceof WorkRefused refused) {
      return refused.reason().name();
    }
    if (why instanceof EventMessages.Refused) {
      return "Undecodable";
    }
    return why.getClass().getSimpleName();
  }
}
