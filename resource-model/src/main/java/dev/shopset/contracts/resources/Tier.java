package dev.shopset.contracts.resources;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A release channel backed by one branch in each repository (cluster-scoped). */
@Group(Tier.GROUP)
@Version(Tier.VERSION)
@Kind("Tier")
@Plural("tiers")
@ShortNames("tier")
@AdditionalPrinterColumn(
    name = "Rank",
    jsonPath = ".spec.rank",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Branch",
    jsonPath = ".spec.branch",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "PromotesTo",
    jsonPath = ".spec.promotesTo",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Frozen",
    jsonPath = ".spec.frozen",
    type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(
    name = "App",
    jsonPath = ".status.pins[?(@.path==\"base\")].commit",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "ShopSets",
    jsonPath = ".status.shopSets",
    type = AdditionalPrinterColumn.Type.INTEGER)
public class Tier extends io.fabric8.kubernetes.client.CustomResource<TierSpec, TierStatus> {
  public static final String GROUP = "shopset.dev";
  public static final String VERSION = "v1alpha1";

  /** A list of Tiers, as the API server returns it. */
  public static class List extends DefaultKubernetesResourceList<Tier> {}
}
