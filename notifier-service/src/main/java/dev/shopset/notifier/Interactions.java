package dev.shopset.notifier;

import dev.shopset.notifier.api.SlackForm;
import dev.shopset.notifier.app.ClickHandling;
import dev.shopset.notifier.app.InteractionHandler;
import dev.shopset.notifier.domain.SlackSignature;
import dev.shopset.notifier.kafka.ApprovalActionPublisher;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Builds the handler of Slack's button clicks, when a signing secret is configured; at startup, so
 * the first click does not wait for a Kafka producer.
 */
@Startup
@ApplicationScoped
public class Interactions {

  private static final Logger LOG = Logger.getLogger(Interactions.class);

  private final InteractionHandler handler;
  private final ApprovalActionPublisher publisher;
  private final ExecutorService replies = Executors.newVirtualThreadPerTaskExecutor();

  public Interactions(
      NotifierConfig config,
      NotifierRuntime runtime,
      @Identifier("default-kafka-broker") Map<String, Object> kafka) {
    NotifierConfig.Interactions c = config.interactions();
    Optional<String> secret = c.signingSecret().filter(s -> !s.isBlank());
    if (secret.isEmpty()) {
      LOG.info("Slack interactivity disabled: no notifier.interactions.signing-secret");
      this.handler = null;
      this.publisher = null;
      return;
    }
    this.publisher = new ApprovalActionPublisher(kafka, c.source());
    this.handler =
        new InteractionHandler(
            new SlackSignature(secret.get(), c.window(), Instant::now),
            new SlackForm(),
            new SlackUsersFile(
                c.usersFile().filter(f -> !f.isBlank()).map(Path::of).orElse(null), c.users()),
            publisher,
            runtime.responder(),
            runtime.clicks(),
            replies,
            Instant::now);
  }

  /** Click handling for the {@code api} adapter. */
  @Produces
  @Singleton
  ClickHandling clickHandling() {
    return new ClickHandling(handler);
  }

  /** The handler, or empty when interactivity is disabled (no signing secret). */
  public Optional<InteractionHandler> handler() {
    return Optional.ofNullable(handler);
  }

  @PreDestroy
  void close() {
    replies.close();
    if (publisher != null) {
      publisher.close();
    }
  }
}
