package dev.shopset.notifier;

import dev.shopset.notifier.app.ChannelLanes;
import dev.shopset.notifier.app.Notifications;
import dev.shopset.notifier.app.PromotionNotifier;
import dev.shopset.notifier.domain.ChannelRouter;
import dev.shopset.notifier.domain.MeteredSlack;
import dev.shopset.notifier.domain.NotifierMetrics;
import dev.shopset.notifier.domain.Pacer;
import dev.shopset.notifier.domain.PromotionFormatter;
import dev.shopset.notifier.domain.RecentClicks;
import dev.shopset.notifier.domain.ReliableSlack;
import dev.shopset.notifier.domain.RolloutFormatter;
import dev.shopset.notifier.domain.RolloutNotifier;
import dev.shopset.notifier.domain.SlackLimits;
import dev.shopset.notifier.domain.SlackPort;
import dev.shopset.notifier.domain.SlackResponder;
import dev.shopset.notifier.kafka.KafkaMessageStore;
import dev.shopset.notifier.slack.LogSlack;
import dev.shopset.notifier.slack.ResponseUrlResponder;
import dev.shopset.notifier.slack.TracedSlack;
import dev.shopset.notifier.slack.WebApiSlack;
import dev.shopset.notifier.slack.WebhookSlack;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;

/** Builds the notifier from configuration: the Slack mode, the mapping store and the lanes. */
@Startup
@ApplicationScoped
public class NotifierRuntime {

  private static final Logger LOG = Logger.getLogger(NotifierRuntime.class);
  private static final Logger SLACK_LOG = Logger.getLogger("dev.shopset.notifier.slack.log");

  private final KafkaMessageStore store;
  private final ChannelLanes lanes;
  private final String mode;
  private final PromotionNotifier promotions;
  private final RecentClicks clicks = new RecentClicks(Instant::now);
  private final SlackResponder responder;

  public NotifierRuntime(
      NotifierConfig config,
      NotifierMetrics metrics,
      @Identifier("default-kafka-broker") Map<String, Object> kafka,
      Tracer tracer) {
    SlackPort plain = port(config);
    this.mode = plain.getClass().getSimpleName();
    SlackPort port = new TracedSlack(new MeteredSlack(plain, metrics), tracer);
    LOG.infof("Slack mode: %s", mode);
    this.store =
        new KafkaMessageStore(kafka, config.messages().topic(), config.messages().partitions());
    NotifierConfig.Limits l = config.limits();
    SlackLimits limits =
        new SlackLimits(
            l.postsPerSecondPerChannel(),
            l.updatesPerMinute(),
            l.updateBurst(),
            l.initialBackoff(),
            l.maxBackoff());
    ReliableSlack slack = new ReliableSlack(port, limits, Pacer.SLEEP, System::nanoTime, metrics);
    ChannelRouter router =
        port.supportsUpdates()
            ? new ChannelRouter(
                config.routing().defaultChannel(),
                config.routing().namespaces(),
                config.routing().tiers())
            // One webhook, one channel: one lane and one post bucket for everything.
            : ChannelRouter.single("webhook");
    RolloutNotifier notifier =
        new RolloutNotifier(
            new RolloutFormatter(interactive(config)), router, store, slack, metrics);
    this.lanes = new ChannelLanes(notifier, slack, metrics, store.loadedLatch());
    this.responder = new ResponseUrlResponder(config.slack().timeout());
    this.promotions =
        new PromotionNotifier(
            new PromotionFormatter(), router, store, slack, clicks, responder, metrics);
  }

  /** Whether Slack's buttons work: a signing secret is configured. */
  static boolean interactive(NotifierConfig config) {
    return config.interactions() != null
        && config.interactions().signingSecret().filter(s -> !s.isBlank()).isPresent();
  }

  private static SlackPort port(NotifierConfig config) {
    NotifierConfig.SlackSettings s = config.slack();
    if (s.token().filter(t -> !t.isBlank()).isPresent()) {
      return new WebApiSlack(s.apiUrl(), s.token().get(), s.timeout());
    }
    if (s.webhookUrl().filter(u -> !u.isBlank()).isPresent()) {
      return new WebhookSlack(s.webhookUrl().get(), s.timeout());
    }
    return new LogSlack(SLACK_LOG::info);
  }

  public ChannelLanes lanes() {
    return lanes;
  }

  /** Brings Promotions' messages up to date from {@code shopset.approvals}. */
  public PromotionNotifier promotions() {
    return promotions;
  }

  /** The clicks this replica passed on lately, so refusals reach who clicked. */
  public RecentClicks clicks() {
    return clicks;
  }

  /** Answers people who clicked, through the click's {@code response_url}. */
  public SlackResponder responder() {
    return responder;
  }

  /** What the Kafka consumers hand their records to. */
  @Produces
  @Singleton
  Notifications notifications() {
    return new Notifications(lanes, promotions, this::awaitMessagesLoaded);
  }

  /** Waits until the message mapping is read, so nothing is posted twice after a restart. */
  public void awaitMessagesLoaded() throws InterruptedException {
    store.loadedLatch().await();
  }

  public KafkaMessageStore store() {
    return store;
  }

  /** {@code WebApiSlack}, {@code WebhookSlack} or {@code LogSlack}. */
  public String mode() {
    return mode;
  }

  @PreDestroy
  void close() {
    lanes.close();
    store.close();
  }
}
