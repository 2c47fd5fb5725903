package dev.shopset.local.kubernetes;

/**
 * The query parameters of a write.
 *
 * @param dryRun {@code dryRun=All}: answer as if written, store nothing
 * @param fieldValidation Strict (refuse unknown fields), Warn (the default) or Ignore
 * @param fieldManager who writes, for server-side apply
 * @param force {@code force=true} of server-side apply
 * @param schemaValidation whether custom resources are checked against their CRD's schema (off only
 *     for an API that must store what a cluster would refuse)
 */
record WriteOptions(
    boolean dryRun,
    String fieldValidation,
    String fieldManager,
    boolean force,
    boolean schemaValidation) {

  static final WriteOptions DEFAULT = new WriteOptions(false, "Warn", null, false, true);

  WriteOptions withoutSchemaValidation() {
    return new WriteOptions(dryRun, fieldValidation, fieldManager, force, false);
  }

  boolean strict() {
    return "Strict".equalsIgnoreCase(fieldValidation);
  }

  boolean ignoreUnknown() {
    return "Ignore".equalsIgnoreCase(fieldValidation);
  }
}
