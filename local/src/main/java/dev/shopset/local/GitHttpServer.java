package dev.shopset.local;

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
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Git repositories served over smart HTTP with basic authentication on loopback: the real {@code
 * git http-backend} behind a small CGI bridge. Repositories are the bare {@code <name>.git}
 * directories under the root, at {@code http://127.0.0.1:<port>/git/<name>.git}.
 */
public final class GitHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final Path root;
  private final String user;
  private final String password;
  private final AtomicBoolean available = new AtomicBoolean(true);
  private final java.util.Set<String> silent = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private GitHttpServer(HttpServer server, Path root, String user, String password) {
    this.server = server;
    this.root = root;
    this.user = user;
    this.password = password;
  }

  /** Serves the bare repositories under {@code root} on a free loopback port (or {@code port}). */
  public static GitHttpServer start(Path root, int port, String user, String password) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
      GitHttpServer git = new GitHttpServer(server, root.toAbsolutePath(), user, password);
      server.createContext("/git/", git::handle);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return git;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the git server", e);
    }
  }

  /** {@code http://127.0.0.1:<port>/git/}: every repository this server serves is under it. */
  public String prefix() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/git/";
  }

  /** {@code http://127.0.0.1:<port>/git/<name>.git}, without credentials. */
  public String url(String repository) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/git/" + repository + ".git";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** While false, every request gets 503, as from a git host that is down. */
  public void setAvailable(boolean up) {
    available.set(up);
  }

  /**
   * While true, requests for repository {@code name} get no answer at all (held open until it is
   * answering again, then 503), as from a host that accepts connections and never replies.
   */
  public void setSilent(String name, boolean quiet) {
    if (quiet) {
      silent.add(name);
    } else {
      synchronized (silent) {
        silent.remove(name);
        silent.notifyAll();
      }
    }
  }

  @Override
  public void close() {
    synchronized (silent) {
      silent.clear();
      silent.notifyAll();
    }
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!available.get()) {
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      for (String name : silent) {
        if (path.startsWith("/git/" + name + ".git")) {
          awaitAnswering(name);
          exchange.sendResponseHeaders(503, -1);
          return;
        }
      }
      if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"shopset-git\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      runBackend(exchange);
    }
  }

  private void awaitAnswering(String name) {
    synchronized (silent) {
      while (silent.contains(name)) {
        try {
          silent.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
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
