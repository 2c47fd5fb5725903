package dev.shopset.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shopset.contracts.Topics;
import dev.shopset.contracts.cloudevents.EventCodec;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.local.RolloutSimulator;
import dev.shopset.local.ServiceNode;
import dev.shopset.testkit.TopicTail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One trace per change, as a collector sees it: every process of the stack exports its spans to the
 * tests' OTLP receiver. A ShopSet change is one connected trace from the watcher's observation
 * through the render, the git-pusher's commit and push, to the watcher's status write; a rollout is
 * one trace from its observation to each Slack call. The JSON log lines of the cluster profile
 * carry the same trace id with the ShopSet and the event id. A promotion is one trace from its
 * request through the git-pusher's branch move and the new code's pin bump to its status write.
 */
@ExtendWith(StackExtension.class)
class TracingIT {

  static final String NS = "tracing";
  static final String TIER = "tracing";
  static final String UP = "tracing-up";
  static final Duration WAIT = Duration.ofSeconds(90);
  static final ObjectMapper JSON = new ObjectMapper();

  static Stack stack;
  static Resources api;
  static TopicTail commits;

  @BeforeAll
  static void setUp() {
    stack = StackExtension.stack();
    api = new Resources(stack);
    api.tier(TIER, 0, "system", UP);
    api.tier(UP, 1, "system", null);
    api.configuration(NS);
    commits = TopicTail.on(stack.bootstrapServers(), Topics.COMMITS);
  }

  @AfterAll
  static void tearDown() {
    commits.close();
  }

  @Test
  void eachShopSetChangeIsOneTraceFromTheWatcherThroughRenderCommitAndPushToItsStatusWrite() {
    ShopSet created = api.apply(NS, "traced", Resources.spec(TIER, 1, "oslo"));
    commits.awaitCommitted(created, WAIT);
    String first = awaitChangeTrace("traced", created.getMetadata().getGeneration());

    ShopSet changed = api.apply(NS, "traced", Resources.spec(TIER, 2, "oslo", "bergen"));
    commits.awaitCommitted(changed, WAIT);
    String second = awaitChangeTrace("traced", changed.getMetadata().getGeneration());

    assertThat(second).as("a second change is a trace of its own").isNotEqualTo(first);

    // The commit event on the topic carries the trace on (ce_traceparent).
    assertThat(commits.records())
        .filteredOn(r -> r.value() != null && new String(r.value()).contains("\"name\":\"traced\""))
        .extracting(r -> r.header(EventCodec.H_TRACEPARENT))
        .filteredOn(Objects::nonNull)
        .extracting(traceparent -> traceparent.substring(3, 35))
        .contains(first, second);

    // The cluster profile's JSON log: the git-pusher's line about the push names the ShopSet, the
    // event and the trace.
    await()
        .atMost(WAIT)
        .untilAsserted(() ->
            assertThat(jsonLines(Stack.PUSHER))
                .filteredOn(line -> line.path("message").asText().startsWith("Pushed "))
                .filteredOn(line -> second.equals(line.path("mdc").path("traceId").asText()))
                .singleElement()
                .satisfies(line -> {
                  JsonNode mdc = line.path("mdc");
                  assertThat(mdc.path("shopset").asText()).isEqualTo(NS + "/traced");
                  assertThat(mdc.path("eventId").asText()).matches("[0-9a-f]{32}");
                  assertThat(mdc.path("spanId").asText()).matches("[0-9a-f]{16}");
                }));
  }

  @Test
  void aRolloutIsOneTraceFromItsObservationToEachSlackCall() {
    String channel = "#tracing-rollouts";
    RolloutSimulator simulator = new RolloutSimulator(stack.client());
    var target = new RolloutSimulator.Target(NS, "tr-web", "traced-web", TIER, channel, 2);
    simulator.deploy(target, "shop-web:1");
    simulator.rollOut(target, 2, "shop-web:2", Duration.ZERO);
    await()
        .atMost(WAIT)
        .untilAsserted(() ->
            assertThat(stack.slack().messages(channel))
                .filteredOn(m -> m.threadTs() == null)
                .singleElement()
                .satisfies(m -> assertThat(m.text()).contains("rolled out")));

    await()
        .atMost(WAIT)
        .untilAsserted(() -> {
          // The traces the watcher started for this Deployment's rollout events.
          List<String> traces =
              stack.otlp().spans().stream()
                  .filter(s -> s.name().equals("shopset.rollouts publish"))
                  .filter(s -> "tr-web".equals(s.attribute("k8s.deployment.name")))
                  .peek(s -> assertThat(s.root()).as("an observation starts a trace").isTrue())
                  .peek(s -> assertThat(s.service()).isEqualTo(Stack.WATCHER))
                  .map(OtlpReceiver.Span::traceId)
                  .toList();
          assertThat(traces).isNotEmpty();
          List<OtlpReceiver.Span> calls =
              traces.stream()
                  .flatMap(t -> stack.otlp().trace(t).stream())
                  .filter(s -> s.name().startsWith("slack "))
                  .toList();
          // Every call Slack took for this channel (by name or id) is a span in those traces.
          String id = stack.slack().channelId(channel);
          for (String method : List.of("chat.postMessage", "chat.update")) {
            long taken =
                stack.slack().calls(method, channel).stream()
                    .filter(c -> c.status() == 200)
                    .count();
            assertThat(calls)
                .filteredOn(c -> c.name().equals("slack " + method))
                .filteredOn(c ->
                    channel.equals(c.attribute("slack.channel"))
                        || Objects.equals(id, c.attribute("slack.channel")))
                .as(method + " calls Slack took, as spans of the rollout's traces")
                .hasSizeGreaterThanOrEqualTo((int) taken);
          }
          assertThat(calls).extracting(OtlpReceiver.Span::name).contains("slack chat.postMessage");
          for (OtlpReceiver.Span call : calls) {
            assertThat(call.service()).isEqualTo(Stack.NOTIFIER);
            Map<String, OtlpReceiver.Span> trace = byId(stack.otlp().trace(call.traceId()));
            OtlpReceiver.Span notify = trace.get(call.parentSpanId());
            assertThat(notify).as("parent of " + call).isNotNull();
            assertThat(notify.name()).isEqualTo("notify");
            assertThat(notify.service()).isEqualTo(Stack.NOTIFIER);
            OtlpReceiver.Span observed = trace.get(notify.parentSpanId());
            assertThat(observed).as("parent of " + notify).isNotNull();
            assertThat(observed.name()).isEqualTo("shopset.rollouts publish");
            assertThat(observed.attribute("shopset.name")).isEqualTo("traced-web");
          }
        });
  }

  @Test
  void aPromotionIsOneTraceFromItsRequestThroughTheBranchMoveAndThePinBumpToItsStatusWrite() {
    ShopSet up = api.apply(NS, "traced-up", Resources.spec(UP, 1, "tromso"));
    commits.awaitCommitted(up, WAIT);
    String next = SystemIT.pushAppChange(stack, TIER, "value: info", "value: debug");
    api.promote("tracing-promotion", TIER);

    await()
        .atMost(WAIT)
        .untilAsserted(() -> {
          OtlpReceiver.Span status =
              stack.otlp().spans().stream()
                  .filter(s -> s.name().equals("shopset.promotion status write"))
                  .filter(s -> "tracing-promotion".equals(s.attribute("shopset.promotion")))
                  .findFirst()
                  .orElseThrow(() -> new AssertionError("no status write of the promotion"));
          assertThat(status.attribute("shopset.promotion.outcome")).isEqualTo("SUCCEEDED");
          Map<String, OtlpReceiver.Span> trace = byId(stack.otlp().trace(status.traceId()));
          assertThat(ancestry(status, trace))
              .extracting(s -> s.service() + ": " + s.name())
              .containsExactly(
                  Stack.WATCHER + ": shopset.promotions publish",
                  Stack.PUSHER + ": shopset.promotions receive",
                  Stack.WATCHER + ": shopset.promotion status write");
          // The new code's pin bump on the tier it reached, in the same trace.
          OtlpReceiver.Span bump =
              trace.values().stream()
                  .filter(s -> s.name().equals("commit and push"))
                  .filter(s -> UP.equals(s.attribute("shopset.branch")))
                  .findFirst()
                  .orElseThrow(() -> new AssertionError("no pin bump of " + UP + " in the trace"));
          assertThat(ancestry(bump, trace))
              .extracting(s -> s.service() + ": " + s.name())
              .containsExactly(
                  Stack.WATCHER + ": shopset.promotions publish",
                  Stack.PUSHER + ": shopset.promotions receive",
                  Stack.PUSHER + ": shopset.sources receive",
                  Stack.PUSHER + ": shopset.renders receive",
                  Stack.PUSHER + ": commit and push");
          assertThat(trace.values())
              .as("the head moves in the trace: %s", trace.values())
              .filteredOn(s -> s.name().equals("shopset.sources receive"))
              .extracting(s -> s.attribute("git.commit.sha"))
              .containsOnly(next);
          assertThat(bump.attribute("git.commit.sha")).matches("[0-9a-f]{40}");
        });
  }

  /**
   * Waits for the trace of the change that published generation {@code generation} of a ShopSet and
   * checks it is whole: watcher → renderer → git-pusher → watcher, each span the child of the one
   * before. Returns its trace id.
   */
  private static String awaitChangeTrace(String name, long generation) {
    String[] traceId = new String[1];
    await()
        .atMost(WAIT)
        .untilAsserted(() -> {
          // The status write of this generation: where the change's trace ends.
          OtlpReceiver.Span status =
              stack.otlp().spans().stream()
                  .filter(s -> s.name().equals("shopset status write"))
                  .filter(s -> name.equals(s.attribute("shopset.name")))
                  .filter(s -> Long.toString(generation).equals(s.attribute("shopset.generation")))
                  .findFirst()
                  .orElseThrow(() -> new AssertionError("no status write of gen " + generation));
          Map<String, OtlpReceiver.Span> trace = byId(stack.otlp().trace(status.traceId()));
          List<OtlpReceiver.Span> chain = ancestry(status, trace);
          assertThat(chain)
              .extracting(s -> s.service() + ": " + s.name())
              .containsExactly(
                  Stack.WATCHER + ": shopset.desired publish",
                  Stack.RENDERER + ": render",
                  Stack.PUSHER + ": shopset.renders receive",
                  Stack.PUSHER + ": commit and push",
                  Stack.WATCHER + ": shopset status write");
          assertThat(chain.getFirst().root()).as("the observation starts the trace").isTrue();
          assertThat(chain)
              .filteredOn(s -> s.attribute("shopset.name") != null)
              .allSatisfy(s -> {
                assertThat(s.attribute("shopset.namespace")).isEqualTo(NS);
                assertThat(s.attribute("shopset.name")).isEqualTo(name);
              });
          assertThat(chain.get(3).attribute("git.commit.sha")).matches("[0-9a-f]{40}");
          traceId[0] = status.traceId();
        });
    return traceId[0];
  }

  /** {@code span} and its parents up to the root, root first; fails on a missing parent. */
  private static List<OtlpReceiver.Span> ancestry(
      OtlpReceiver.Span span, Map<String, OtlpReceiver.Span> trace) {
    java.util.LinkedList<OtlpReceiver.Span> chain = new java.util.LinkedList<>();
    for (OtlpReceiver.Span at = span; at != null; at = trace.get(at.parentSpanId())) {
      chain.addFirst(at);
      if (at.root()) {
        return chain;
      }
      assertThat(trace).as("parent of " + at.name()).containsKey(at.parentSpanId());
    }
    return chain;
  }

  private static Map<String, OtlpReceiver.Span> byId(List<OtlpReceiver.Span> spans) {
    return spans.stream()
        .collect(Collectors.toMap(OtlpReceiver.Span::spanId, Function.identity(), (a, b) -> a));
  }

  /** Every JSON log line of every replica of {@code service}. */
  private static List<JsonNode> jsonLines(String service) {
    return stack.replicas(service).stream()
        .map(ServiceNode::log)
        .flatMap(log -> {
          try {
            return Files.readAllLines(log).stream();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        })
        .filter(line -> line.startsWith("{"))
        .map(line -> {
          try {
            return JSON.readTree(line);
          } catch (IOException e) {
            return null;
          }
        })
        .filter(Objects::nonNull)
        .toList();
  }
}
