package dev.shopset.shopctl;

/** A failure shopctl explains in one message and ends with an {@link Exit} code. */
public class ShopctlException extends RuntimeException {

  private final int exitCode;

  public ShopctlException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** A named object that does not exist, with the closest existing name when there is one. */
  public static ShopctlException notFound(
      String what, String name, String where, Iterable<String> existing) {
    StringBuilder message = new StringBuilder(what).append(' ').append(name).append(" not found");
    if (where != null) {
      message.append(" in ").append(where);
    }
    String suggestion = Suggestions.closest(name, existing);
    if (suggestion != null) {
      message.append("; did you mean ").append(suggestion).append('?');
    } else {
      java.util.List<String> names = new java.util.ArrayList<>();
      existing.forEach(names::add);
      if (names.isEmpty()) {
        message.append(" (there is none)");
      } else if (names.size() <= 10) {
        message.append(" (there are: ").append(String.join(", ", names)).append(')');
      }
    }
    return new ShopctlException(Exit.NOT_FOUND, message.toString());
  }
}
