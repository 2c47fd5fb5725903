package dev.shopset.renderer.domain;

/**
 * Desired state that can never be rendered (a hostile or malformed field): terminal, so the record
 * goes to the dead-letter topic and a preview gets 400. {@link #field()} names the culprit.
 */
public class InvalidDesiredStateException extends RuntimeException {

  private final String field;

  public InvalidDesiredStateException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  /**
   * The offending field as a path, e.g. {@code spec.shops[2]} or {@code tier.appRepository.path}.
   */
  public String field() {
    return field;
  }
}
