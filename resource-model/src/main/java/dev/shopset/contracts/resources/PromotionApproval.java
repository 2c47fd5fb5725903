package dev.shopset.contracts.resources;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One person's approval or rejection of a Promotion (cluster-scoped, like Promotion). Who may
 * create one is RBAC ({@code shopset-approver}); the shopset-approval-identity admission policy
 * requires {@code spec.approver} to be the creating user, so an approval cannot be forged.
 */
@Group(Tier.GROUP)
@Version(Tier.VERSION)
@Kind("PromotionApproval")
@Plural("promotionapprovals")
@ShortNames("approval")
@AdditionalPrinterColumn(
    name = "Promotion",
    jsonPath = ".spec.promotion",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Decision",
    jsonPath = ".spec.decision",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Approver",
    jsonPath = ".spec.approver",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Counted",
    jsonPath = ".status.counted",
    type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.reason",
    type = AdditionalPrinterColumn.Type.STRING)
public class PromotionApproval
    extends CustomResource<PromotionApprovalSpec, PromotionApprovalStatus> {

  /** A list of PromotionApprovals, as the API server returns it. */
  public static class List extends DefaultKubernetesResourceList<PromotionApproval> {}
}
