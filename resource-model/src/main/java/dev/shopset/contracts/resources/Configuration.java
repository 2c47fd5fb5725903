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

/** A Kustomize component in a git repository, shared by the ShopSets of a namespace. */
@Group(Tier.GROUP)
@Version(Tier.VERSION)
@Kind("Configuration")
@Plural("configurations")
@ShortNames("sscfg")
@AdditionalPrinterColumn(
    name = "URL",
    jsonPath = ".spec.repository.url",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Path",
    jsonPath = ".spec.repository.path",
    type = AdditionalPrinterColumn.Type.STRING)
public class Configuration extends CustomResource<ConfigurationSpec, ConfigurationStatus>
    implements Namespaced {

  /** A list of Configurations, as the API server returns it. */
  public static class List extends DefaultKubernetesResourceList<Configuration> {}
}
