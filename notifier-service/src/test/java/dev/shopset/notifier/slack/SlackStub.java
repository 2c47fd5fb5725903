package dev.shopset.notifier.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A local Slack: the Web API shapes the notifier uses ({@code chat.postMessage}, {@code
 * chat.update}, {@code chat.postEphemeral}, {@code conversations.history/replies/list}), an
 * incoming webhook and interactions' {@code response_url}s (ephemeral replies), with scripted
 * faults (429 with Retry-After, optionally after really posting; 5xx; error codes per channel).
 * Records every request with its arrival time.
 */
public final class SlackStub implements AutoCloseable {

  public static final String TOKEN = "xoxb-stub-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SlackStub shared;

  /** One request as it arrived. */
  public record Call(
      String method,
      String channel,
      String ts,
      String threadTs,
      int status,
      Instant at,
      Map<String, String> params) {}

  /** A message as Slack holds it. */
  public record Posted(
      String channel, String ts, String threadTs, String text, String blocks, String marker) {}

  /**
   * An ephemeral message: posted to an interaction's {@code response_url} (then {@code user} is the
   * URL's id) or with {@code chat.postEphemeral}; only that user sees it.
   */
  public record Ephemeral(String user, String channel, String text, Instant at) {}

  private record Fault(
      String method, Predicate<String> channel, int status, int retryAfter, boolean applyAnyway) {}

  private final HttpServer server;
  private final List<Call> calls = new ArrayList<>();
  private final List<Posted> messages = new ArrayList<>();
  private final List<Ephemeral> ephemerals = new ArrayList<>();
  private final Map<String, String> channelIds = new HashMap<>();
  private final Map<String, String> channelErrors = new HashMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private long nextTs = 1_700_000_000_000_000L;

  public SlackStub() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/api/", this::api);
    server.createContext("/webhook/", this::webhook);
    server.createContext("/respond/", this::respond);
    server.start();
  }

  /** The stub the Quarkus tests share (started once per JVM). */
  public static synchronized SlackStub shared() {
    if (shared == null) {
      shared = new SlackStub();
    }
    return shared;
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
  }

  public String webhookUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook/T000/B000/secret";
  }

  /** A {@code response_url} as Slack gives one per click; what is posted to it is recorded. */
  public String responseUrl(String id) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/respond/" + id;
  }

  /** Ephemeral messages for {@code user} (a response URL's id or a Slack user id), oldest first. */
  public synchronized List<Ephemeral> ephemerals(String user) {
    return ephemerals.stream().filter(e -> e.user().equals(user)).toList();
  }

  /** The replies in the thread of the message {@code ts} in a channel, oldest first. */
  public synchronized List<Posted> thread(String channelName, String ts) {
    return messages(channelName).stream().filter(m -> ts.equals(m.threadTs())).toList();
  }

  /** Every call to {@code channel} answers {@code ok:false, error}. */
  public synchronized void failChannel(String channel, String error) {
    channelErrors.put(channel, error);
  }

  /** The next call of {@code method} in {@code channel} is a 429; applied anyway if asked. */
  public synchronized void rateLimitNext(
      String method, String channel, int retryAfterSeconds, boolean applyAnyway) {
    faults.add(new Fault(method, channel::equals, 429, retryAfterSeconds, applyAnyway));
  }

  /** The next call of {@code method} in {@code channel} answers HTTP {@code status}. */
  public synchronized void failNext(String method, String channel, int status) {
    faults.add(new Fault(method, channel::equals, status, 0, false));
  }

  /**
   * The next call of {@code method} in {@code channel} is applied, but answered only after a delay.
   */
  public synchronized void answerLateNext(String method, String channel, int delayMillis) {
    faults.add(new Fault(method, channel::equals, 200, delayMillis, true));
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public synchronized List<Call> calls(String method, String channelName) {
    String id = channelIds.get(channelName);
    return calls.stream()
        .filter(c -> c.method().equals(method))
        .filter(
            c -> channelName.equals(c.channel()) || c.channel() != null && c.channel().equals(id))
        .toList();
  }

  /** Messages (thread replies included) in a channel, by name or id. */
  public synchronized List<Posted> messages(String channelName) {
    String id = channelIds.get(channelName);
    return messages.stream().filter(m -> m.channel().equals(id)).toList();
  }

  public synchronized String channelId(String name) {
    return channelIds.get(name);
  }

  private void api(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestURI().getPath().substring("/api/".length());
    Map<String, String> params =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    Answer answer;
    synchronized (this) {
      answer = answer(method, params, auth);
      calls.add(
          new Call(
              method,
              answer.channel,
              answer.ts,
              params.get("thread_ts"),
              answer.status,
              Instant.now(),
              params));
    }
    if (answer.delayMillis() > 0) {
      try {
        Thread.sleep(answer.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (answer.retryAfter >= 0) {
      exchange.getResponseHeaders().add("Retry-After", String.valueOf(answer.retryAfter));
    }
    byte[] body = JSON.writeValueAsBytes(answer.body);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(answer.status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private record Answer(
      int status,
      int retryAfter,
      String channel,
      String ts,
      Map<String, Object> body,
      int delayMillis) {
    Answer(int status, int retryAfter, String channel, String ts, Map<String, Object> body) {
      this(status, retryAfter, channel, ts, body, 0);
    }
  }

  private Answer answer(String method, Map<String, String> params, String auth) {
    String channel = params.get("channel") == null ? null : resolve(params.get("channel"));
    if (!("Bearer " + TOKEN).equals(auth)) {
      return error(channel, "invalid_auth");
    }
    String name = nameOf(channel);
    if (name != null && channelErrors.containsKey(name)) {
      return error(channel, channelErrors.get(name));
    }
    Fault fault = null;
    for (Fault f : faults) {
      if (f.method().equals(method) && f.channel().test(name)) {
        fault = f;
        break;
      }
    }
    if (fault != null && fault.status() == 200) {
      faults.remove(fault);
      Answer applied = apply(method, channel, params);
      return new Answer(200, -1, channel, applied.ts(), applied.body(), fault.retryAfter());
    }
    if (fault != null) {
      faults.remove(fault);
      if (fault.applyAnyway()) {
        apply(method, channel, params);
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("ok", false);
      body.put("error", fault.status() == 429 ? "ratelimited" : "internal_error");
      return new Answer(
          fault.status(), fault.status() == 429 ? fault.retryAfter() : -1, channel, null, body);
    }
    return apply(method, channel, params);
  }

  private Answer apply(String method, String channel, Map<String, String> params) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", true);
    switch (method) {
      case "chat.postMessage" -> {
        String ts = ts();
        messages.add(
            new Posted(
                channel,
                ts,
                params.get("thread_ts"),
                params.get("text"),
                params.get("blocks"),
                marker(params.get("metadata"))));
        body.put("channel", channel);
        body.put("ts", ts);
        return new Answer(200, -1, channel, ts, body);
      }
      case "chat.update" -> {
        String ts = params.get("ts");
        int i = indexOf(channel, ts);
        if (i < 0) {
          return error(channel, "message_not_found");
        }
        Posted old = messages.get(i);
        messages.set(
            i,
            new Posted(
                channel,
                ts,
                old.threadTs(),
                params.get("text"),
                params.get("blocks"),
                old.marker()));
        body.put("channel", channel);
        body.put("ts", ts);
        body.put("text", params.get("text"));
        return new Answer(200, -1, channel, ts, body);
      }
      case "conversations.history", "conversations.replies" -> {
        String thread = params.get("ts");
        List<Map<String, Object>> found = new ArrayList<>();
        for (Posted m : messages.reversed()) {
          boolean inScope =
              method.equals("conversations.history")
                  ? m.threadTs() == null
                  : thread.equals(m.threadTs()) || thread.equals(m.ts());
          if (m.channel().equals(channel) && inScope) {
            Map<String, Object> msg = new LinkedHashMap<>();
            msg.put("type", "message");
            msg.put("ts", m.ts());
            msg.put("text", m.text());
            if (m.marker() != null) {
              msg.put(
                  "metadata",
                  Map.of(
                      "event_type",
                      "shopset_rollout",
                      "event_payload",
                      Map.of("marker", m.marker())));
            }
            found.add(msg);
          }
        }
        body.put("messages", found);
        body.put("has_more", false);
        return new Answer(200, -1, channel, null, body);
      }
      case "chat.postEphemeral" -> {
        ephemerals.add(
            new Ephemeral(params.get("user"), channel, params.get("text"), Instant.now()));
        body.put("message_ts", ts());
        return new Answer(200, -1, channel, null, body);
      }
      case "auth.test" -> {
        body.put("team_id", "T000");
        body.put("user_id", "U000");
        return new Answer(200, -1, null, null, body);
      }
      case "conversations.list" -> {
        List<Map<String, Object>> list = new ArrayList<>();
        channelIds.forEach((n, id) -> list.add(Map.of("id", id, "name", n.substring(1))));
        body.put("channels", list);
        body.put("response_metadata", Map.of("next_cursor", ""));
        return new Answer(200, -1, null, null, body);
      }
      default -> {
        return error(channel, "unknown_method");
      }
    }
  }

  private void webhook(HttpExchange exchange) throws IOException {
    String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    int status;
    synchronized (this) {
      Fault fault = null;
      for (Fault f : faults) {
        if (f.method().equals("webhook")) {
          fault = f;
          break;
        }
      }
      faults.remove(fault);
      status = fault == null ? 200 : fault.status();
      String channel = resolve("#webhook");
      if (status == 200) {
        @SuppressWarnings("unchecked")
        Map<String, Object> p = JSON.readValue(payload, Map.class);
        messages.add(
            new Posted(
                channel,
                ts(),
                null,
                (String) p.get("text"),
                JSON.writeValueAsString(p.get("blocks")),
                null));
      }
      calls.add(
          new Call(
              "webhook", channel, null, null, status, Instant.now(), Map.of("payload", payload)));
      if (fault != null && status == 429) {
        exchange.getResponseHeaders().add("Retry-After", String.valueOf(fault.retryAfter()));
      }
    }
    byte[] body = (status == 200 ? "ok" : "rate_limited").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  /** A response_url: Slack answers 200 "ok" (or 404 "expired_url" to an id starting "expired"). */
  private void respond(HttpExchange exchange) throws IOException {
    String id = exchange.getRequestURI().getPath().substring("/respond/".length());
    String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    int status = id.startsWith("expired") ? 404 : 200;
    synchronized (this) {
      if (status == 200) {
        Map<?, ?> p = JSON.readValue(payload, Map.class);
        ephemerals.add(new Ephemeral(id, null, (String) p.get("text"), Instant.now()));
      }
      calls.add(
          new Call(
              "response_url", null, null, null, status, Instant.now(), Map.of("payload", payload)));
    }
    byte[] body = (status == 200 ? "ok" : "expired_url").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private Answer error(String channel, String error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", false);
    body.put("error", error);
    return new Answer(200, -1, channel, null, body);
  }

  private int indexOf(String channel, String ts) {
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).channel().equals(channel) && messages.get(i).ts().equals(ts)) {
        return i;
      }
    }
    return -1;
  }

  /** Channel names get ids on first use, as if every channel existed. */
  private String resolve(String channel) {
    if (channelIds.containsValue(channel)) {
      return channel;
    }
    return channelIds.computeIfAbsent(channel, c -> "C" + (1000 + channelIds.size()));
  }

  private String nameOf(String id) {
    return channelIds.entrySet().stream()
        .filter(e -> e.getValue().equals(id))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }

  private String ts() {
    long t = nextTs++;
    return (t / 1_000_000) + "." + String.format("%06d", t % 1_000_000);
  }

  private static String marker(String metadata) {
    if (metadata == null) {
      return null;
    }
    try {
      Map<?, ?> m = JSON.readValue(metadata, Map.class);
      Object payload = m.get("event_payload");
      return payload instanceof Map<?, ?> p ? (String) p.get("marker") : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> params = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
