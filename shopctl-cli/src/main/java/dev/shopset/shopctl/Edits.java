package dev.shopset.shopctl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.Tier;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Small, safe edits by server-side apply with the field manager {@value Cluster#FIELD_MANAGER}: the
 * applied configuration holds only the field being changed (so every other field stays whose it
 * is), and the spec fields shopctl's earlier applies own, with their current values (so this apply
 * does not remove them). Prints what will change, then what happened.
 */
final class Edits {

  private static final ObjectMapper JSON =
      JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** One edit, as {@code -o json|yaml} prints it. */
  record Change(
      String kind,
      String namespace,
      String name,
      String field,
      Object before,
      Object after,
      boolean applied,
      Long generation) {}

  private Edits() {}

  /**
   * Applies {@code field} = {@code after} to the ShopSet {@code current} (unless {@code dryRun} or
   * nothing changes) and reports it.
   */
  static int shopSet(
      Cluster cluster,
      Output output,
      PrintWriter out,
      ShopSet current,
      String field,
      Object before,
      Object after,
      boolean dryRun) {
    String namespace = current.getMetadata().getNamespace();
    String name = current.getMetadata().getName();
    String what = "ShopSet " + namespace + "/" + name + ": spec." + field;
    if (Objects.equals(before, after)) {
      return report(
          output,
          out,
          new Change("ShopSet", namespace, name, field, before, after, false, generation(current)),
          what + " is already " + show(after) + "; nothing to change.");
    }
    if (output.table()) {
      out.println(what + ": " + show(before) + " -> " + show(after));
      out.flush();
    }
    if (dryRun) {
      return report(
          output,
          out,
          new Change("ShopSet", namespace, name, field, before, after, false, generation(current)),
          "Dry run: nothing applied.");
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    Map<String, Object> owned = owned(current);
    Map<String, Object> values = JSON.convertValue(current.getSpec(), MAP);
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (owned.containsKey("f:" + e.getKey()) && !e.getKey().equals(field)) {
        spec.put(e.getKey(), e.getValue());
      }
    }
    spec.put(field, after);
    ShopSet applied = cluster.applyShopSet(namespace, name, body("ShopSet", name, namespace, spec));
    return report(
        output,
        out,
        new Change("ShopSet", namespace, name, field, before, after, true, generation(applied)),
        "Applied (field manager "
            + Cluster.FIELD_MANAGER
            + "): generation "
            + generation(applied)
            + "; `shopctl status "
            + name
            + " -n "
            + namespace
            + "` shows it through the pipeline.");
  }

  /** Sets the Tier's {@code spec.frozen}. */
  static int frozen(Cluster cluster, Output output, PrintWriter out, Tier tier, boolean frozen) {
    String name = tier.getMetadata().getName();
    boolean before = tier.getSpec() != null && tier.getSpec().isFrozen();
    String what = "Tier " + name + ": spec.frozen";
    if (before == frozen) {
      return report(
          output,
          out,
          new Change("Tier", null, name, "frozen", before, frozen, false, generation(tier)),
          what + " is already " + frozen + "; nothing to change.");
    }
    if (output.table()) {
      out.println(what + ": " + before + " -> " + frozen);
      out.flush();
    }
    Tier applied = cluster.applyTier(name, body("Tier", name, null, Map.of("frozen", frozen)));
    return report(
        output,
        out,
        new Change("Tier", null, name, "frozen", before, frozen, true, generation(applied)),
        frozen
            ? "Applied: tier "
                + name
                + " is frozen. No pin bumps and no Promotions reach it (a rollback still does);"
                + " ShopSet changes are still committed. `shopctl unfreeze "
                + name
                + "` ends it."
            : "Applied: tier "
                + name
                + " is unfrozen. Its pins catch up with their branches at the next poll or push.");
  }

  private static int report(Output output, PrintWriter out, Change change, String line) {
    if (output.table()) {
      out.println(line);
      out.flush();
    } else {
      output.data(out, change);
    }
    return Exit.OK;
  }

  static Map<String, Object> body(
      String kind, String name, String namespace, Map<String, Object> spec) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("apiVersion", "shopset.dev/v1alpha1");
    body.put("kind", kind);
    body.put("metadata", metadata);
    body.put("spec", spec);
    return body;
  }

  /** The {@code spec} fields shopctl's last apply owns ({@code f:<field>} keys). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> owned(HasMetadata object) {
    List<ManagedFieldsEntry> entries = object.getMetadata().getManagedFields();
    if (entries == null) {
      return Map.of();
    }
    for (ManagedFieldsEntry entry : entries) {
      if (Cluster.FIELD_MANAGER.equals(entry.getManager())
          && "Apply".equals(entry.getOperation())
          && entry.getFieldsV1() != null
          && entry.getFieldsV1().getAdditionalProperties().get("f:spec") instanceof Map<?, ?> m) {
        return (Map<String, Object>) m;
      }
    }
    return Map.of();
  }

  private static Long generation(HasMetadata object) {
    return object == null ? null : object.getMetadata().getGeneration();
  }

  static String show(Object value) {
    if (value instanceof List<?> list) {
      return list.isEmpty()
          ? "[]"
          : "[" + String.join(", ", list.stream().map(String::valueOf).toList()) + "]";
    }
    return String.valueOf(value);
  }
}
