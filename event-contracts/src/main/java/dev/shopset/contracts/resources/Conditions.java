package dev.shopset.contracts.resources;

/** Condition types and reasons of ShopSet status. */
public final class Conditions {
  public static final String VALID = "Valid";
  public static final String RENDERED = "Rendered";
  public static final String COMMITTED = "Committed";
  public static final String READY = "Ready";

  public static final String TIER_NOT_FOUND = "TierNotFound";
  public static final String CONFIGURATION_NOT_FOUND = "ConfigurationNotFound";
  public static final String NO_SYSTEM_REPOSITORY = "NoSystemRepository";

  private Conditions() {}
}
