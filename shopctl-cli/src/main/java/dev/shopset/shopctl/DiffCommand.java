package dev.shopset.shopctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shopset.contracts.resources.Configuration;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.Tier;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code shopctl diff -f FILE}: what applying a ShopSet would change in the system repository. */
@Command(
    name = "diff",
    description = {
      "Renders the ShopSet in FILE and the one of the same name in the cluster through the"
          + " renderer's preview (POST /render) and prints a unified diff of their files in the"
          + " system repository. Writes nothing. FILE may also hold the Tier, the Configuration"
          + " and the Namespace to render with; the cluster's are used for the ones it lacks.",
      "Exits 0 when nothing would change, 1 when something would (as diff does)."
    })
final class DiffCommand extends ClusterCommand {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final ObjectMapper YAML = YAMLMapper.builder().build();

  @Option(
      names = {"-f", "--filename"},
      required = true,
      paramLabel = "FILE",
      description =
          "A YAML file with the ShopSet (and optionally its Tier, Configuration and Namespace).")
  Path file;

  @Option(
      names = "--renderer",
      paramLabel = "URL",
      description =
          "The renderer's base URL (default: $SHOPCTL_RENDERER_URL, else http://127.0.0.1:8082;"
              + " the local run prints its own).")
  String renderer;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Namespace of the ShopSet when FILE names none (default: the context's).")
  String namespace;

  /** One file that would change, as {@code -o json|yaml} prints it. */
  record FileChange(String path, String change, String diff) {}

  @Override
  int run(Cluster cluster, PrintWriter out) {
    Map<String, ObjectNode> local = read(file);
    ObjectNode shopSetNode = local.get("ShopSet");
    if (shopSetNode == null) {
      throw new ShopctlException(Exit.USAGE, file + " holds no ShopSet.");
    }
    ObjectNode meta = (ObjectNode) shopSetNode.with("metadata");
    if (!meta.hasNonNull("namespace")) {
      meta.put("namespace", Namespaces.or(namespace, cluster));
    }
    String ns = meta.get("namespace").asText();
    String name = meta.path("name").asText();
    ShopSet mine = JSON.convertValue(shopSetNode, ShopSet.class);
    ShopSet theirs = cluster.shopSetOrNull(ns, name);
    JsonNode namespaceNode =
        local.containsKey("Namespace") ? local.get("Namespace") : tree(cluster.namespaceOrNull(ns));
    Map<String, String> after =
        files(
            render(
                shopSetNode,
                tierOf(mine, local, cluster),
                configOf(mine, local, cluster, ns),
                namespaceNode));
    Map<String, String> before =
        theirs == null
            ? Map.of()
            : files(
                render(
                    tree(theirs),
                    tree(cluster.tierOrNull(theirs.getSpec().tier())),
                    tree(cluster.configurationOrNull(ns, theirs.getSpec().configuration())),
                    namespaceNode));
    List<FileChange> changes = new ArrayList<>();
    for (String path : new TreeSet<>(union(before, after))) {
      String a = before.get(path);
      String b = after.get(path);
      String diff = UnifiedDiff.diff(path, a, b);
      if (!diff.isEmpty()) {
        changes.add(
            new FileChange(path, a == null ? "added" : b == null ? "removed" : "modified", diff));
      }
    }
    if (!output.table()) {
      output.data(out, changes);
    } else if (changes.isEmpty()) {
      out.println(
          "ShopSet " + ns + "/" + name + ": no change to its files in the system repository.");
    } else {
      if (theirs == null) {
        note("ShopSet " + ns + "/" + name + " is not in the cluster: every file is new.");
      }
      changes.forEach(c -> out.print(c.diff()));
    }
    out.flush();
    return changes.isEmpty() ? Exit.OK : Exit.FAILED;
  }

  private JsonNode tierOf(ShopSet mine, Map<String, ObjectNode> local, Cluster cluster) {
    if (local.containsKey("Tier")) {
      return local.get("Tier");
    }
    Tier tier = cluster.tierOrNull(mine.getSpec().tier());
    if (tier == null) {
      throw ShopctlException.notFound(
          "Tier",
          mine.getSpec().tier(),
          null,
          cluster.tiers().stream().map(t -> t.getMetadata().getName()).toList());
    }
    return tree(tier);
  }

  private JsonNode configOf(
      ShopSet mine, Map<String, ObjectNode> local, Cluster cluster, String ns) {
    if (local.containsKey("Configuration")) {
      return local.get("Configuration");
    }
    Configuration configuration = cluster.configurationOrNull(ns, mine.getSpec().configuration());
    if (configuration == null) {
      throw new ShopctlException(
          Exit.NOT_FOUND,
          "Configuration "
              + mine.getSpec().configuration()
              + " not found in "
              + ns
              + "; put it in "
              + file
              + " or create it first.");
    }
    return tree(configuration);
  }

  /** The files of one preview: the ShopSet's own, the shared ones, and its submodules. */
  private JsonNode render(JsonNode shopSet, JsonNode tier, JsonNode configuration, JsonNode ns) {
    ObjectNode request = JSON.createObjectNode();
    request.set("shopSet", clean(shopSet));
    request.set("tier", clean(tier));
    request.set("configuration", clean(configuration));
    if (ns != null) {
      request.set("namespace", clean(ns));
    }
    String base = renderer != null ? renderer : System.getenv("SHOPCTL_RENDERER_URL");
    if (base == null || base.isBlank()) {
      base = "http://127.0.0.1:8082";
    }
    URI uri = URI.create(base.replaceAll("/+$", "") + "/render");
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 400) {
        JsonNode why = JSON.readTree(response.body());
        throw new ShopctlException(
            Exit.FAILED,
            "The renderer refuses the ShopSet "
                + shopSet.path("metadata").path("name").asText()
                + ": "
                + why.path("reason").asText()
                + (why.hasNonNull("field") ? " (" + why.get("field").asText() + ")" : "")
                + ": "
                + why.path("message").asText());
      }
      if (response.statusCode() != 200) {
        throw new ShopctlException(
            Exit.UNAVAILABLE,
            "The renderer at "
                + uri
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new ShopctlException(
          Exit.UNAVAILABLE,
          "Cannot reach the renderer at "
              + uri
              + " ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + "); give its URL with --renderer or SHOPCTL_RENDERER_URL.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShopctlException(Exit.FAILED, "Interrupted.");
    }
  }

  private static Map<String, String> files(JsonNode result) {
    Map<String, String> files = new TreeMap<>();
    result
        .path("files")
        .fields()
        .forEachRemaining(e -> files.put(e.getKey(), e.getValue().asText()));
    result
        .path("shared")
        .fields()
        .forEachRemaining(e -> files.put(e.getKey(), e.getValue().asText()));
    StringBuilder submodules = new StringBuilder();
    for (JsonNode s : result.path("submodules")) {
      submodules
          .append(s.path("path").asText())
          .append(" -> ")
          .append(s.path("url").asText())
          .append(" branch ")
          .append(s.path("branch").asText())
          .append('\n');
    }
    if (!submodules.isEmpty()) {
      files.put("(submodules)", submodules.toString());
    }
    return files;
  }

  private static List<String> union(Map<String, String> a, Map<String, String> b) {
    List<String> keys = new ArrayList<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }

  private static JsonNode clean(JsonNode node) {
    if (node instanceof ObjectNode object) {
      ObjectNode copy = object.deepCopy();
      copy.remove("status");
      if (copy.get("metadata") instanceof ObjectNode m) {
        m.remove("managedFields");
      }
      return copy;
    }
    return node;
  }

  private static JsonNode tree(Object value) {
    return value == null ? null : JSON.valueToTree(value);
  }

  /** The documents of {@code file} by kind (the last of each kind wins). */
  private static Map<String, ObjectNode> read(Path file) {
    Map<String, ObjectNode> byKind = new TreeMap<>();
    try {
      var parser = new YAMLFactory().createParser(Files.readString(file));
      for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode document = it.next();
        if (document instanceof ObjectNode object && object.hasNonNull("kind")) {
          byKind.put(object.get("kind").asText(), object);
        }
      }
    } catch (IOException e) {
      throw new ShopctlException(Exit.USAGE, "Cannot read " + file + ": " + e.getMessage());
    }
    return byKind;
  }
}
