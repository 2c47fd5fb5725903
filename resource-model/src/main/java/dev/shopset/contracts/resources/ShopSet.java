package dev.shopset.contracts.resources;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A group of tenant shops deployed together on one Tier with one Configuration. */
@Group(Tier.GROUP)
@Version(Tier.VERSION)
@Kind("ShopSet")
@Plural("shopsets")
@ShortNames("ss")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Tier",
    jsonPath = ".spec.tier",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Shops",
    jsonPath = ".status.shops",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Commit",
    jsonPath = ".status.lastCommit.shortSha",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Message",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].message",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "Configuration",
    jsonPath = ".spec.configuration",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Full-Commit",
    jsonPath = ".status.lastCommit.sha",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
public class ShopSet extends CustomResource<ShopSetSpec, ShopSetStatus> implements Namespaced {

  /** A list of ShopSets, as the API server returns it. */
  public static class List extends DefaultKubernetesResourceList<ShopSet> {}
}
