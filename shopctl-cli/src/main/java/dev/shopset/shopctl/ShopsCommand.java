package dev.shopset.shopctl;

import dev.shopset.contracts.resources.Names;
import dev.shopset.contracts.resources.ShopSet;
import dev.shopset.contracts.resources.ShopSetSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shopctl shops add|remove|place}: which ShopSet serves which shop. */
@Command(
    name = "shops",
    description = "Adds shops to a ShopSet, removes them, or places a new shop by the convention.",
    subcommands = {ShopsCommand.Add.class, ShopsCommand.Remove.class, ShopsCommand.Place.class})
final class ShopsCommand {

  private ShopsCommand() {}

  @Command(
      name = "add",
      description = {
        "Adds SHOPs to SHOPSET (spec.shops, by server-side apply as field manager shopctl)."
            + " Refused when a shop is already in a ShopSet of the namespace or when SHOPSET"
            + " would exceed its spec.maxShops (use `shopctl shops place`)."
      })
  static final class Add extends ToggleCommands.OnShopSet {
    @Parameters(index = "0", paramLabel = "SHOPSET")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SHOP")
    List<String> shops;

    @Override
    int run(Cluster cluster, PrintWriter out) {
      ShopSet current = shopSet(cluster, name);
      String ns = current.getMetadata().getNamespace();
      checkNames(shops);
      Map<String, String> homes = homes(cluster.shopSets(ns));
      List<String> after = new ArrayList<>(current.getSpec().shops());
      for (String shop : new LinkedHashSet<>(shops)) {
        String home = homes.get(shop);
        if (home != null && !home.equals(name)) {
          throw new ShopctlException(
              Exit.FAILED,
              "Shop " + shop + " is already in ShopSet " + home + " of " + ns + "; not adding it.");
        }
        if (!after.contains(shop)) {
          after.add(shop);
        }
      }
      int capacity = Placement.capacity(current);
      if (after.size() > capacity) {
        throw new ShopctlException(
            Exit.FAILED,
            "ShopSet "
                + name
                + " would hold "
                + after.size()
                + " shops, more than its spec.maxShops ("
                + capacity
                + "); `shopctl shops place SHOP -n "
                + ns
                + "` chooses a ShopSet with room or makes one.");
      }
      return Edits.shopSet(
          cluster, output, out, current, "shops", current.getSpec().shops(), after, dryRun);
    }
  }

  @Command(
      name = "remove",
      description = {
        "Removes SHOPs from SHOPSET (spec.shops, by server-side apply as field manager shopctl)."
            + " A ShopSet keeps at least one shop (delete it with kubectl to remove the last)."
      })
  static final class Remove extends ToggleCommands.OnShopSet {
    @Parameters(index = "0", paramLabel = "SHOPSET")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SHOP")
    List<String> shops;

    @Override
    int run(Cluster cluster, PrintWriter out) {
      ShopSet current = shopSet(cluster, name);
      List<String> before = current.getSpec().shops();
      for (String shop : shops) {
        if (!before.contains(shop)) {
          throw ShopctlException.notFound(
              "Shop", shop, "ShopSet " + current.getMetadata().getNamespace() + "/" + name, before);
        }
      }
      List<String> after = before.stream().filter(s -> !shops.contains(s)).toList();
      if (after.isEmpty()) {
        throw new ShopctlException(
            Exit.FAILED,
            "ShopSet "
                + name
                + " would have no shop left; a ShopSet has at least one. To remove it: kubectl -n "
                + current.getMetadata().getNamespace()
                + " delete shopset "
                + name);
      }
      return Edits.shopSet(cluster, output, out, current, "shops", before, after, dryRun);
    }
  }

  /** What {@code shops place -o json|yaml} prints. */
  record Placed(
      String shop,
      String namespace,
      String shopSet,
      boolean created,
      String copiedFrom,
      int shops,
      int maxShops,
      boolean applied) {}

  @Command(
      name = "place",
      description = {
        "Places SHOP in a ShopSet by the convention, so no one has to choose: among the"
            + " namespace's ShopSets on the tier (matching -l if given), the one with the fewest"
            + " shops below its spec.maxShops (ties: first by name); when all are full, a new"
            + " ShopSet <base>-<n> (the fullest one's name without a trailing -<digits>, n the"
            + " smallest free number from 2) copied from the fullest one with only SHOP."
      })
  static final class Place extends ClusterCommand {
    @Parameters(index = "0", paramLabel = "SHOP")
    String shop;

    @Option(
        names = "--tier",
        paramLabel = "TIER",
        description = "Tier of the ShopSet (needed when the namespace's ShopSets use several).")
    String tier;

    @Option(
        names = {"-n", "--namespace"},
        paramLabel = "NS",
        description = "Namespace (default: the context's).")
    String namespace;

    @Option(
        names = {"-l", "--selector"},
        paramLabel = "SELECTOR",
        description = "Only ShopSets with these labels (e.g. region=eu).")
    String selector;

    @Option(names = "--dry-run", description = "Print the choice; apply nothing.")
    boolean dryRun;

    @Override
    int run(Cluster cluster, PrintWriter out) {
      checkNames(List.of(shop));
      String ns = Namespaces.or(namespace, cluster);
      List<ShopSet> all = cluster.shopSets(ns);
      String home = homes(all).get(shop);
      if (home != null) {
        throw new ShopctlException(
            Exit.FAILED, "Shop " + shop + " is already in ShopSet " + home + " of " + ns + ".");
      }
      List<ShopSet> selected = selector == null ? all : cluster.shopSets(ns, selector);
      TreeSet<String> tiers =
          selected.stream()
              .map(s -> s.getSpec().tier())
              .collect(Collectors.toCollection(TreeSet::new));
      String onTier = tier;
      if (onTier == null) {
        if (tiers.size() > 1) {
          throw new ShopctlException(
              Exit.USAGE,
              "The ShopSets of "
                  + ns
                  + " are on tiers "
                  + String.join(", ", tiers)
                  + ": name one with --tier.");
        }
        onTier = tiers.isEmpty() ? null : tiers.first();
      }
      String chosenTier = onTier;
      List<ShopSet> candidates =
          selected.stream().filter(s -> s.getSpec().tier().equals(chosenTier)).toList();
      if (candidates.isEmpty()) {
        throw new ShopctlException(
            Exit.NOT_FOUND,
            "No ShopSet in "
                + ns
                + (chosenTier == null ? "" : " on tier " + chosenTier)
                + (selector == null ? "" : " matching " + selector)
                + " to place "
                + shop
                + " in or to copy a new one from; create the first one with kubectl.");
      }
      Set<String> taken =
          all.stream().map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
      return switch (Placement.choose(candidates, taken)) {
        case Placement.Choice.Existing e -> into(cluster, out, e.shopSet());
        case Placement.Choice.New n -> create(cluster, out, n.name(), n.template());
      };
    }

    private int into(Cluster cluster, PrintWriter out, ShopSet target) {
      String name = target.getMetadata().getName();
      if (output.table()) {
        out.println(
            "Placing "
                + shop
                + " in "
                + target.getMetadata().getNamespace()
                + "/"
                + name
                + ": "
                + Placement.size(target)
                + " of "
                + Placement.capacity(target)
                + " shops, the fewest of those with room.");
        out.flush();
      }
      List<String> after = new ArrayList<>(target.getSpec().shops());
      after.add(shop);
      Output quiet = output.table() ? output : Output.silent();
      Edits.shopSet(cluster, quiet, out, target, "shops", target.getSpec().shops(), after, dryRun);
      return placed(
          out, target.getMetadata().getNamespace(), name, false, null, after.size(), target);
    }

    private int create(Cluster cluster, PrintWriter out, String name, ShopSet template) {
      String ns = template.getMetadata().getNamespace();
      if (output.table()) {
        out.println(
            "Every ShopSet of "
                + ns
                + " on tier "
                + template.getSpec().tier()
                + " is full; creating "
                + ns
                + "/"
                + name
                + " with "
                + shop
                + ", copied from "
                + template.getMetadata().getName()
                + " ("
                + Placement.size(template)
                + " of "
                + Placement.capacity(template)
                + " shops).");
        out.flush();
      }
      ShopSetSpec t = template.getSpec();
      ShopSet copy = new ShopSet();
      copy.setMetadata(
          new ObjectMetaBuilder()
              .withName(name)
              .withNamespace(ns)
              .withLabels(template.getMetadata().getLabels())
              .withAnnotations(shopSetAnnotations(template.getMetadata().getAnnotations()))
              .build());
      copy.setSpec(
          new ShopSetSpec(
              t.tier(),
              t.configuration(),
              List.of(shop),
              t.replicas(),
              t.resources(),
              t.env(),
              t.maintenance(),
              t.failureDomain(),
              t.suspend(),
              t.maxShops()));
      if (!dryRun) {
        copy = cluster.createShopSet(copy);
      }
      if (output.table()) {
        out.println(
            dryRun
                ? "Dry run: nothing applied."
                : "Created ShopSet "
                    + ns
                    + "/"
                    + name
                    + " (generation "
                    + copy.getMetadata().getGeneration()
                    + ").");
        out.flush();
      }
      return placed(out, ns, name, true, template.getMetadata().getName(), 1, template);
    }

    private int placed(
        PrintWriter out,
        String ns,
        String name,
        boolean created,
        String from,
        int size,
        ShopSet s) {
      if (!output.table()) {
        output.data(
            out, new Placed(shop, ns, name, created, from, size, Placement.capacity(s), !dryRun));
      }
      return Exit.OK;
    }
  }

  /** Which ShopSet each shop of the namespace is in. */
  static Map<String, String> homes(List<ShopSet> shopSets) {
    Map<String, String> homes = new LinkedHashMap<>();
    for (ShopSet s : shopSets) {
      if (s.getSpec() != null && s.getSpec().shops() != null) {
        s.getSpec().shops().forEach(shop -> homes.putIfAbsent(shop, s.getMetadata().getName()));
      }
    }
    return homes;
  }

  static void checkNames(List<String> shops) {
    for (String shop : shops) {
      if (!shop.matches(Names.DNS1123_LABEL)) {
        throw new ShopctlException(
            Exit.USAGE,
            "Shop id '"
                + shop
                + "' is not a DNS-1123 label (lower-case letters, digits and '-', starting and"
                + " ending with a letter or digit, at most 63).");
      }
    }
  }

  private static Map<String, String> shopSetAnnotations(Map<String, String> annotations) {
    if (annotations == null) {
      return null;
    }
    Map<String, String> kept = new LinkedHashMap<>();
    annotations.forEach((k, v) -> {
      if (k.startsWith("shopset.dev/")) {
        kept.put(k, v);
      }
    });
    return kept;
  }
}
