package dev.shopset.testkit;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What {@link GitServer} answers before git does: basic authentication, and each repository's
 * {@link Mode} (down, missing, hanging, locked) as a broken host would answer.
 */
public final class GitAccess implements Filter {

  /** How one repository answers. */
  public enum Mode {
    /** Normally. */
    NORMAL,
    /** 503, as a host that is down. */
    DOWN,
    /** 404, as if the repository did not exist. */
    NOT_FOUND,
    /** Not at all: the request waits until the mode changes (at most two minutes), then 503. */
    HANG,
    /** 401 to every credential, as after a token was revoked. */
    LOCKED
  }

  private static final long HANG_NANOS = 120_000_000_000L;

  private final String credentials;
  private final Map<String, Mode> modes = new ConcurrentHashMap<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final Map<String, AtomicInteger> requestsByRepository = new ConcurrentHashMap<>();
  private final Object changed = new Object();
  private volatile boolean available = true;
  private volatile boolean released;

  GitAccess(String user, String password) {
    this.credentials = user + ":" + password;
  }

  void setAvailable(boolean up) {
    available = up;
  }

  void setMode(String repository, Mode mode) {
    synchronized (changed) {
      modes.put(repository, mode);
      changed.notifyAll();
    }
  }

  List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  int requests() {
    return requests.get();
  }

  int requests(String repository) {
    AtomicInteger count = requestsByRepository.get(repository);
    return count == null ? 0 : count.get();
  }

  /** Lets every hanging request go (the server is closing). */
  void release() {
    synchronized (changed) {
      released = true;
      changed.notifyAll();
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    requests.incrementAndGet();
    String authorization = request.getHeader("Authorization");
    String decoded = decode(authorization);
    if (decoded != null) {
      authorizations.add(decoded);
    } else if (authorization != null) {
      authorizations.add(authorization);
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String name = repository(path);
    requestsByRepository.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
    if (!available) {
      response.sendError(503);
      return;
    }
    switch (awaitAnswer(name)) {
      case DOWN, HANG -> {
        response.sendError(503);
        return;
      }
      case NOT_FOUND -> {
        response.sendError(404);
        return;
      }
      case LOCKED -> {
        challenge(response);
        return;
      }
      case NORMAL -> {}
    }
    if (name.startsWith("forbidden-") && authorization != null) {
      response.sendError(403);
      return;
    }
    if (name.startsWith("locked-") || !credentials.equals(decoded)) {
      challenge(response);
      return;
    }
    chain.doFilter(request, response);
  }

  /** The mode of {@code name} once it is no longer hanging (or two minutes passed). */
  private Mode awaitAnswer(String name) {
    long end = System.nanoTime() + HANG_NANOS;
    synchronized (changed) {
      Mode mode = modes.getOrDefault(name, Mode.NORMAL);
      while (mode == Mode.HANG && !released) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          changed.wait(left / 1_000_000 + 1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        mode = modes.getOrDefault(name, Mode.NORMAL);
      }
      return mode;
    }
  }

  private static void challenge(HttpServletResponse response) throws IOException {
    response.setHeader("WWW-Authenticate", "Basic realm=\"shopset-git\"");
    response.sendError(401);
  }

  /** {@code /git/<name>.git/...} to {@code <name>}; empty when the path names no repository. */
  private static String repository(String path) {
    String rest = path.startsWith("/git/") ? path.substring("/git/".length()) : path;
    int end = rest.indexOf(".git");
    return end < 0 ? "" : rest.substring(0, end);
  }

  private static String decode(String header) {
    if (header == null || !header.startsWith("Basic ")) {
      return null;
    }
    try {
      return new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
