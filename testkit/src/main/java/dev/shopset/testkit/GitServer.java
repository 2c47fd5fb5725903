package dev.shopset.testkit;

import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.FileResolver;

/**
 * A git host for tests and the local run: the bare {@code <name>.git} repositories under a root,
 * served over smart HTTP with basic authentication on loopback by JGit's {@code GitServlet}, at
 * {@code http://127.0.0.1:<port>/git/<name>.git}. Each repository can be made to answer as a broken
 * host does ({@link GitAccess.Mode}); repositories named {@code locked-*} refuse every credential
 * (401), {@code forbidden-*} answer 403.
 */
public final class GitServer implements AutoCloseable {

  private final Server server;
  private final ServerConnector connector;
  private final GitAccess access;

  private GitServer(Server server, ServerConnector connector, GitAccess access) {
    this.server = server;
    this.connector = connector;
    this.access = access;
  }

  /**
   * Serves the bare repositories under {@code root} on loopback, on {@code port} (0: a free one),
   * to whoever sends {@code user} and {@code password}.
   */
  public static GitServer start(Path root, int port, String user, String password) {
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("git-server");
    threads.setDaemon(true);
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);

    GitServlet git = new GitServlet();
    git.setRepositoryResolver(new FileResolver<>(root.toAbsolutePath().toFile(), true));
    // Who may push is decided by GitAccess (the credentials); every authenticated request may.
    git.setReceivePackFactory((request, repository) -> new ReceivePack(repository));
    GitAccess access = new GitAccess(user, password);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addFilter(new FilterHolder(access), "/git/*", EnumSet.of(DispatcherType.REQUEST));
    ServletHolder servlet = new ServletHolder(git);
    servlet.setInitOrder(0); // ready before the first request, not during it
    context.addServlet(servlet, "/git/*");
    server.setHandler(context);
    // No graceful stop: clients keep connections alive, and a test host just goes away.
    server.setStopTimeout(0);
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException(
          "Could not start the git server on 127.0.0.1:" + port + " (is the port taken?)", e);
    }
    return new GitServer(server, connector, access);
  }

  /** {@code http://127.0.0.1:<port>/git/}: every repository this server serves is under it. */
  public String prefix() {
    return "http://127.0.0.1:" + port() + "/git/";
  }

  /** {@code http://127.0.0.1:<port>/git/<name>.git}, without credentials. */
  public String url(String repository) {
    return prefix() + repository + ".git";
  }

  /** The port it listens on. */
  public int port() {
    return connector.getLocalPort();
  }

  /** While false, every request gets 503, as from a git host that is down. */
  public void setAvailable(boolean up) {
    access.setAvailable(up);
  }

  /**
   * While true, requests for repository {@code name} get no answer at all (held open until it is
   * answering again, then 503), as from a host that accepts connections and never replies.
   */
  public void setSilent(String name, boolean quiet) {
    access.setMode(name, quiet ? GitAccess.Mode.HANG : GitAccess.Mode.NORMAL);
  }

  /** Makes {@code repository} (its name, as for {@link #url}) answer as {@code mode}. */
  public void setMode(String repository, GitAccess.Mode mode) {
    access.setMode(repository, mode);
  }

  /** Every Authorization header this host received, decoded ({@code user:password}). */
  public List<String> authorizations() {
    return access.authorizations();
  }

  /** How many requests this host received. */
  public int requests() {
    return access.requests();
  }

  /**
   * How many requests this host received for {@code repository} (its name, as for {@link #url}).
   */
  public int requests(String repository) {
    return access.requests(repository);
  }

  @Override
  public void close() {
    access.release();
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop the git server on port " + port(), e);
    }
  }
}
