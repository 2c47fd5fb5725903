package dev.shopset.renderer.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The names a ShopSet's render gives things: the prefix of every object its overlay builds, its
 * Argo CD Application and its Tier's AppProject. Pure functions of the (already checked) DNS-1123
 * labels they take, each injective; DESIGN.md says why each has the shape it has.
 */
public final class Identities {

  /** ShopSet names up to this length are their own object prefix ({@code <name>-}). */
  public static final int SHORT_NAME = 24;

  /** Characters of the truncated name in a hashed object prefix. */
  static final int PREFIX_KEEP = 12;

  /** Hex digits of the hash in a hashed object prefix (48 bits). */
  static final int PREFIX_HASH = 12;

  /** The longest object prefix: 12 characters, '-', 12 hex digits, '-'. */
  public static final int MAX_PREFIX = PREFIX_KEEP + 1 + PREFIX_HASH + 1;

  /** Longest base object name that fits a DNS label (a Service name) behind any prefix. */
  public static final int MAX_BASE_NAME = 63 - MAX_PREFIX;

  /** Application names are at most this long (Argo CD copies them into a label value). */
  public static final int MAX_APPLICATION_NAME = 63;

  /** Hex digits of the hash in a hashed Application name (64 bits). */
  static final int APPLICATION_HASH = 16;

  // Truncated parts of a hashed Application name: 16 + 20 + 8 + 16 hash + 3 dots = 63.
  private static final int KEEP_NAMESPACE = 16;
  private static final int KEEP_NAME = 20;
  private static final int KEEP_TIER = 8;

  /** Prefix of every Tier's AppProject name. */
  public static final String PROJECT_PREFIX = "shopset-";

  private Identities() {}

  /**
   * The prefix of every object a ShopSet's overlay builds: {@code <name>-} for names of up to
   * {@value #SHORT_NAME} characters, else the first {@value #PREFIX_KEEP} characters, '-', and
   * {@value #PREFIX_HASH} hex digits of the SHA-256 of the whole name, then '-'. A hashed prefix is
   * {@value #MAX_PREFIX} characters long, a plain one at most {@code SHORT_NAME + 1}, so the two
   * forms never meet; two plain prefixes differ as the names do, two hashed ones unless the hashes
   * collide. Names are unique within a namespace, and namespaces keep prefixes of different ones
   * apart.
   */
  public static String objectPrefix(String name) {
    if (name.length() <= SHORT_NAME) {
      return name + "-";
    }
    return name.substring(0, PREFIX_KEEP) + "-" + hash(name, PREFIX_HASH) + "-";
  }

  /**
   * The Argo CD Application of ShopSet {@code namespace/name} on Tier {@code tier}: {@code
   * <namespace>.<name>.<tier>} when that fits in {@value #MAX_APPLICATION_NAME} characters (the
   * three are DNS labels, which hold no '.', so the dotted form reads back uniquely); otherwise
   * four dot-separated parts, the three truncated (16, 20 and 8 characters, trailing '-' dropped so
   * each part stays a DNS label) and {@value #APPLICATION_HASH} hex digits of the SHA-256 of {@code
   * namespace/name/tier}. Three parts against four: the forms cannot collide. Always a DNS-1123
   * subdomain of at most 63 characters.
   */
  public static String applicationName(String namespace, String name, String tier) {
    String readable = namespace + "." + name + "." + tier;
    if (readable.length() <= MAX_APPLICATION_NAME) {
      return readable;
    }
    return keep(namespace, KEEP_NAMESPACE)
        + "."
        + keep(name, KEEP_NAME)
        + "."
        + keep(tier, KEEP_TIER)
        + "."
        + hash(namespace + "/" + name + "/" + tier, APPLICATION_HASH);
  }

  /**
   * The Argo CD AppProject of Tier {@code tier}: {@code shopset-<tier>}. Prefixed so that no Tier
   * can name, and so rewrite, a project Argo CD or the platform already has ({@code default}).
   */
  public static String projectName(String tier) {
    return PROJECT_PREFIX + tier;
  }

  private static String keep(String label, int length) {
    String kept = label.length() <= length ? label : label.substring(0, length);
    int end = kept.length();
    while (end > 1 && kept.charAt(end - 1) == '-') {
      end--;
    }
    return kept.substring(0, end);
  }

  /** The first {@code hexDigits} of the SHA-256 of {@code ascii} (names are ASCII labels). */
  static String hash(String ascii, int hexDigits) {
    byte[] bytes = new byte[ascii.length()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) ascii.charAt(i);
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest).substring(0, hexDigits);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
