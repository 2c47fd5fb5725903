package dev.shopset.contracts.resources;

/**
 * Labels and annotations ShopSet puts on, and reads from, Kubernetes objects. The renderer sets the
 * labels on every object of a ShopSet; the watcher finds rollouts by them.
 */
public final class Labels {

  /** The owning ShopSet's name. */
  public static final String SHOPSET = "shopset.dev/shopset";

  /** The Tier the object was rendered for. */
  public static final String TIER = "shopset.dev/tier";

  /** Marks objects managed by ShopSet ({@code "shopset"}). */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  public static final String MANAGED_BY_VALUE = "shopset";

  /** Annotation naming the Slack channel for rollouts of a ShopSet's workloads. */
  public static final String SLACK_CHANNEL = "shopset.dev/slack-channel";

  /** Annotation set to {@code "true"} on workloads of a ShopSet in maintenance mode. */
  public static final String MAINTENANCE = "shopset.dev/maintenance";

  /** Environment variable set to {@code "true"} in every container in maintenance mode. */
  public static final String MAINTENANCE_ENV = "SHOPSET_MAINTENANCE";

  /** Prefix of the ShopSet annotations carried into desired state. */
  public static final String ANNOTATION_PREFIX = "shopset.dev/";

  private Labels() {}
}
