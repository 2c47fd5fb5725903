package dev.shopset.renderer.api;

/** A preview request that cannot be rendered; {@link #field()} names where, for the 400 body. */
public class PreviewException extends RuntimeException {

  private final String field;

  public PreviewException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
