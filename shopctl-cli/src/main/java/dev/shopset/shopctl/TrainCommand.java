package dev.shopset.shopctl;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * A hidden command the launcher runs once to train the AOT cache: the read commands against a
 * loopback stand-in of the API that answers every list with a few objects, so the classes that
 * reading, deserializing and printing need are in the cache. Not for people.
 */
@Command(name = "__train", hidden = true)
final class TrainCommand implements Callable<Integer> {

  private static final String SHOPSET =
      """
      {"apiVersion":"shopset.dev/v1alpha1","kind":"ShopSet","metadata":{"name":"s%1$d",\
      "namespace":"ns","generation":1,"resourceVersion":"1","uid":"u%1$d",\
      "managedFields":[{"manager":"shopctl","operation":"Apply","fieldsV1":{"f:spec":{"f:shops":{}}}}]},\
      "spec":{"tier":"dev","configuration":"c","shops":["a%1$d","b%1$d"],"maxShops":5,\
      "maintenance":false},"status":{"observedGeneration":1,"conditions":[{"type":"Ready",\
      "status":"True","reason":"Committed","message":"m","lastTransitionTime":"2026-01-01T00:00:00Z",\
      "observedGeneration":1}],"lastCommit":{"sha":"%2$s","shortSha":"1111111","branch":"dev",\
      "time":"t"},"shops":2}}\
      """;
  private static final String TIER =
      """
      {"apiVersion":"shopset.dev/v1alpha1","kind":"Tier","metadata":{"name":"%1$s","generation":1},\
      "spec":{"rank":%2$d,"appRepository":{"url":"https://x/a.git"},"promotesTo":"prod",\
      "frozen":false},"status":{"pins":[{"path":"base","repository":"https://x/a.git",\
      "branch":"dev","commit":"%3$s"}],"lastPromotion":{"name":"p","phase":"Succeeded",\
      "commit":"%3$s"},"shopSets":1}}\
      """;
  private static final String DEPLOYMENT =
      """
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","namespace":"ns",\
      "generation":1,"labels":{"shopset.dev/shopset":"s1"}},"spec":{"replicas":1},\
      "status":{"observedGeneration":1,"replicas":1,"updatedReplicas":1,"availableReplicas":1,\
      "conditions":[{"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable"}]}}\
      """;

  @Override
  public Integer call() throws IOException {
    String sha = "1".repeat(40);
    StringBuilder shopSets = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      shopSets.append(i == 0 ? "" : ",").append(SHOPSET.formatted(i, sha));
    }
    String tiers = TIER.formatted("dev", 0, sha) + "," + TIER.formatted("prod", 1, "2".repeat(40));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String body;
          if (path.endsWith("/shopsets")) {
            body = list("ShopSetList", shopSets.toString());
          } else if (path.endsWith("/tiers")) {
            body = list("TierList", tiers);
          } else if (path.endsWith("/deployments")) {
            body = list("DeploymentList", DEPLOYMENT);
          } else {
            body =
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":404}";
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(body.contains("\"code\":404") ? 404 : 200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    Path dir = Files.createTempDirectory("shopctl-train");
    try {
      Path kubeconfig = dir.resolve("kubeconfig");
      Files.writeString(
          kubeconfig,
          """
          apiVersion: v1
          kind: Config
          clusters: [{name: t, cluster: {server: "http://127.0.0.1:%d"}}]
          users: [{name: t, user: {}}]
          contexts: [{name: t, context: {cluster: t, user: t, namespace: ns}}]
          current-context: t
          """
              .formatted(server.getAddress().getPort()));
      String k = kubeconfig.toString();
      for (String[] args :
          new String[][] {
            {"status", "-A", "--kubeconfig", k},
            {"status", "-n", "ns", "--kubeconfig", k},
            {"status", "s1", "--kubeconfig", k},
            {"status", "s", "--kubeconfig", k},
            {"tiers", "--kubeconfig", k},
            {"tiers", "-o", "json", "--kubeconfig", k},
            {"status", "-A", "-o", "yaml", "--kubeconfig", k},
            {"--help"}
          }) {
        CommandLine cl = ShopCtl.commandLine();
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        cl.setOut(nowhere);
        cl.setErr(nowhere);
        cl.execute(args);
      }
    } finally {
      server.stop(0);
      try (var files = Files.list(dir)) {
        files.forEach(f -> {
          try {
            Files.delete(f);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
      Files.delete(dir);
    }
    return Exit.OK;
  }

  private static String list(String kind, String items) {
    return "{\"apiVersion\":\"v1\",\"kind\":\""
        + kind
        + "\",\"metadata\":{\"resourceVersion\":\"1\"},\"items\":["
        + items
        + "]}";
  }
}
