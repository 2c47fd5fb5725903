package dev.shopset.gitpusher.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Test git host: repositories served over smart HTTP with basic authentication on loopback, the
 * real {@code git http-backend} behind a small CGI bridge (after the local module's server).
 * Repositories named {@code locked-*} refuse every credential (401), {@code forbidden-*} answer
 * 403. Repositories are the bare {@code <name>.git} directories under the root, at {@code
 * http://127.0.0.1:<port>/git/<name>.git}.
 */
public final class GitServer implements AutoCloseable {

  private final HttpServer server;
  private final Path root;
  private final String user;
  private final String password;
  private final AtomicBoolean available = new AtomicBoolean(true);
  private final Map<String, Mode> modes = new ConcurrentHashMap<>();
  private final List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger requests =
      new java.util.concurrent.atomic.AtomicInteger();

  /** How one repository answers. */
  public enum Mode {
    /** Normally. */
    NORMAL,
    /** 503, as a host that is down. */
    DOWN,
    /** 404, as if the repository did not exist. */
    NOT_FOUND,
    /** Not at all: the request waits until the mode changes (at most two minutes). */
    HANG,
    /** 401 to every credential, as after a token was revoked. */
    LOCKED
  }

  private GitServer(HttpServer server, Path root, String user, String password) {
    this.server = server;
    this.root = root;
    this.user = user;
    this.password = password;
  }

  /** Serves the bare repositories under {@code root} on a free loopback port (or {@code port}). */
  public static GitServer start(Path root, int port, String user, String password) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
      GitServer git = new GitServer(server, root.toAbsolutePath(), user, password);
      server.createContext("/git/", git::handle);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return git;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the git server", e);
    }
  }

  /** {@code http://127.0.0.1:<port>/git/<name>.git}, without credentials. */
  public String url(String repository) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/git/" + repository + ".git";
  }

  /** {@code http://127.0.0.1:<port>/git/}: the prefix of every repository of this host. */
  public String prefix() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/git/";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Every Authorization header this host received, decoded ({@code user:password}). */
  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  /** How many requests this host received. */
  public int requests() {
    return requests.get();
  }

  /** Makes {@code repository} (its name, as for {@link #url}) answer as {@code mode}. */
  public void setMode(String repository, Mode mode) {
    modes.put(repository, mode);
  }

  /** While false, every request gets 503, as from a git host that is down. */
  public void setAvailable(boolean up) {
    available.set(up);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization != null && authorization.startsWith("Basic ")) {
        try {
          authorizations.add(
              new String(
                  Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          authorizations.add(authorization);
        }
      }
      if (!available.get()) {
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      Mode mode = mode(path);
      for (long end = System.nanoTime() + 120_000_000_000L;
          mode == Mode.HANG && System.nanoTime() < end;
          mode = mode(path)) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      switch (mode) {
        case DOWN, HANG -> {
          exchange.sendResponseHeaders(503, -1);
          return;
        }
        case NOT_FOUND -> {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        case LOCKED -> {
          exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"shopset-git\"");
          exchange.sendResponseHeaders(401, -1);
          return;
        }
        case NORMAL -> {}
      }
      if (path.startsWith("/git/forbidden-")
          && exchange.getRequestHeaders().containsKey("Authorization")) {
        exchange.sendResponseHeaders(403, -1);
        return;
      }
      if (path.startsWith("/git/locked-")
          || !authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"shopset-git\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      runBackend(exchange);
    }
  }

  private Mode mode(String path) {
    String rest = path.substring("/git/".length());
    int end = rest.indexOf(".git");
    return end < 0 ? Mode.NORMAL : modes.getOrDefault(rest.substring(0, end), Mode.NORMAL);
  }

  private boolean authorized(String header) {
    if (header == null || !header.startsWith("Basic ")) {
      return false;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return decoded.equals(user + ":" + password);
  }

  private void runBackend(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath().substring("/git".length());
    if (path.contains("..")) {
      exchange.sendResponseHeaders(400, -1);
      return;
    }
    ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
    Map<String, String> env = builder.environment();
    env.put("GIT_PROJECT_ROOT", root.toString());
    env.put("GIT_HTTP_EXPORT_ALL", "1");
    env.put("PATH_INFO", path);
    env.put("REQUEST_METHOD", exchange.getRequestMethod());
    env.put("QUERY_STRING", nullToEmpty(exchange.getRequestURI().getRawQuery()));
    env.put("REMOTE_USER", user);
    env.put("REMOTE_ADDR", "127.0.0.1");
    copyHeader(exchange, env, "Content-Type", "CONTENT_TYPE");
    copyHeader(exchange, env, "Content-Length", "CONTENT_LENGTH");
    copyHeader(exchange, env, "Content-Encoding", "HTTP_CONTENT_ENCODING");
    copyHeader(exchange, env, "Git-Protocol", "GIT_PROTOCOL");
    Process process = builder.start();
    Thread.ofVirtual()
        .start(() -> {
          try (InputStream in = exchange.getRequestBody();
              OutputStream out = process.getOutputStream()) {
            in.transferTo(out);
          } catch (IOException ignored) {
            // the backend exited early; its answer says why
          }
        });
    Thread.ofVirtual()
        .start(() -> {
          try (InputStream err = process.getErrorStream()) {
            err.transferTo(OutputStream.nullOutputStream());
          } catch (IOException ignored) {
            // nothing to do with backend chatter
          }
        });
    try (InputStream out = process.getInputStream()) {
      int status = 200;
      for (String line : readCgiHeaders(out)) {
        int colon = line.indexOf(':');
        String name = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Status")) {
          status = Integer.parseInt(value.split(" ")[0]);
        } else {
          exchange.getResponseHeaders().add(name, value);
        }
      }
      exchange.sendResponseHeaders(status, 0);
      try (OutputStream body = exchange.getResponseBody()) {
        out.transferTo(body);
      }
    }
  }

  private static List<String> readCgiHeaders(InputStream in) throws IOException {
    List<String> headers = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1).replace("\r", "");
        if (text.isEmpty()) {
          break;
        }
        headers.add(text);
        line.reset();
      } else {
        line.write(b);
      }
    }
    return headers;
  }

  private static void copyHeader(
      HttpExchange exchange, Map<String, String> env, String h, String e) {
    String value = exchange.getRequestHeaders().getFirst(h);
    if (value != null) {
      env.put(e, value);
    }
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
