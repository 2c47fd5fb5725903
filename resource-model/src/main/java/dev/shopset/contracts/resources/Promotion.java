package dev.shopset.contracts.resources;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A request to move one Tier's code to the next Tier (cluster-scoped). */
@Group(Tier.GROUP)
@Version(Tier.VERSION)
@Kind("Promotion")
@Plural("promotions")
@ShortNames("promo")
@AdditionalPrinterColumn(
    name = "Tier",
    jsonPath = ".spec.tier",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Commit",
    jsonPath = ".status.commit",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.reason",
    type = AdditionalPrinterColumn.Type.STRING)
public class Promotion extends CustomResource<PromotionSpec, PromotionStatus> {

  /** A list of Promotions, as the API server returns it. */
  public static class List extends DefaultKubernetesResourceList<Promotion> {}
}
