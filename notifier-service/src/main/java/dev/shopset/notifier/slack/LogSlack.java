package dev.shopset.notifier.slack;

import dev.shopset.notifier.domain.SlackMessage;
import dev.shopset.notifier.domain.SlackPort;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** No Slack configured: the same messages, as readable text, in the log. */
public final class LogSlack implements SlackPort {

  private final Consumer<String> log;
  private final AtomicLong next = new AtomicLong();

  /**
   * @param log where each message goes, e.g. an INFO logger
   */
  public LogSlack(Consumer<String> log) {
    this.log = log;
  }

  @Override
  public boolean supportsUpdates() {
    return true;
  }

  @Override
  public SlackRef post(String channel, SlackMessage message, String threadTs, String marker) {
    String ts = "log-" + next.incrementAndGet();
    String where = threadTs == null ? "" : " (thread of " + threadTs + ")";
    log.accept("[" + channel + "] new message " + ts + where + ":\n" + message.plain());
    return new SlackRef(channel, ts);
  }

  @Override
  public void update(String channel, String ts, SlackMessage message) {
    log.accept("[" + channel + "] message " + ts + " now reads:\n" + message.plain());
  }

  @Override
  public Optional<SlackRef> findPosted(String channel, String marker, String threadTs) {
    return Optional.empty();
  }
}
