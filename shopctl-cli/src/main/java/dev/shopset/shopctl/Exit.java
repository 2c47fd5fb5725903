package dev.shopset.shopctl;

/** shopctl's exit codes, as documented in {@code shopctl --help} and the README. */
public final class Exit {
  /** Done (and for {@code diff}: no difference). */
  public static final int OK = 0;

  /** The operation failed: a Promotion Failed, a refusal ({@code diff}: there are differences). */
  public static final int FAILED = 1;

  /** The command line is wrong (picocli's own code for invalid input). */
  public static final int USAGE = 2;

  /** A ShopSet, Tier or shop that was named does not exist. */
  public static final int NOT_FOUND = 3;

  /** {@code --wait} ran out of time; the operation goes on in the cluster. */
  public static final int TIMEOUT = 4;

  /** The Kubernetes API or the renderer could not be reached or refused the request. */
  public static final int UNAVAILABLE = 5;

  private Exit() {}
}
