package dev.shopset.contracts.resources;

/** Condition types and reasons of ShopSet status. */
public final class Conditions {
  public static final String VALID = "Valid";
  public static final String RENDERED = "Rendered";
  public static final String COMMITTED = "Committed";
  public static final String READY = "Ready";

  /** kstatus: True while the current generation is on its way to git (Ready Unknown). */
  public static final String RECONCILING = "Reconciling";

  /** kstatus: True while the current generation cannot get to git as it is (Ready False). */
  public static final String STALLED = "Stalled";

  public static final String TIER_NOT_FOUND = "TierNotFound";
  public static final String CONFIGURATION_NOT_FOUND = "ConfigurationNotFound";
  public static final String NO_SYSTEM_REPOSITORY = "NoSystemRepository";
  public static final String NO_APP_REPOSITORY = "NoAppRepository";
  public static final String INVALID_SPEC = "InvalidSpec";

  /** The Tier's spec.namespaceSelector does not select the ShopSet's namespace. */
  public static final String NAMESPACE_NOT_ALLOWED = "NamespaceNotAllowed";

  /** spec.failureDomain.cluster is not one of the Tier's spec.clusters. */
  public static final String CLUSTER_NOT_ALLOWED = "ClusterNotAllowed";

  /** A repository URL is outside every prefix the platform allows, or of a refused kind. */
  public static final String REPOSITORY_NOT_ALLOWED = "RepositoryNotAllowed";

  /** The ShopSet lists more shops than its spec.maxShops. */
  public static final String TOO_MANY_SHOPS = "TooManyShops";

  /** Promotion: its approvals are complete (True), still missing (False/Unknown) or refused. */
  public static final String APPROVED = "Approved";

  private Conditions() {}
}
