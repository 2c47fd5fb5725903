package dev.shopset.renderer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.shopset.contracts.resources.Names;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Application names and object prefixes are injective, short enough and valid names, for
 * look-alikes, maximum lengths and many random inputs.
 */
class IdentitiesTest {

  private static final long SEED = 20261201L;
  private static final String MAX_NAMESPACE = "n".repeat(62) + "1";
  private static final String MAX_NAME = "s".repeat(62) + "1";
  private static final int MAX_BASE = Identities.MAX_BASE_NAME;
  private static final String MAX_TIER = "t".repeat(62) + "1";

  @Test
  void readableWhenItFitsWithOneDotBetweenParts() {
    assertThat(Identities.applicationName("shops-eu", "eu-web", "dev"))
        .isEqualTo("shops-eu.eu-web.dev");
  }

  @Test
  void lookAlikesThatFlattenedToOneNameNowDiffer() {
    assertThat(Identities.applicationName("a-b", "c", "dev"))
        .isNotEqualTo(Identities.applicationName("a", "b-c", "dev"));
    assertThat(Identities.applicationName("shops", "eu-web", "dev"))
        .isNotEqualTo(Identities.applicationName("shops-eu", "web", "dev"));
    assertThat(Identities.applicationName("a", "b", "c-d"))
        .isNotEqualTo(Identities.applicationName("a", "b-c", "d"));
  }

  @Test
  void maximumLengthsGiveAHashedNameOfFourPartsWithinTheLimit() {
    String name = Identities.applicationName(MAX_NAMESPACE, MAX_NAME, MAX_TIER);
    assertThat(name).hasSizeLessThanOrEqualTo(63);
    assertThat(name.split("\\.")).hasSize(4);
    assertThat(Names.isSubdomain(name)).isTrue();
    assertThat(Identities.applicationName(MAX_NAMESPACE, MAX_NAME, "t".repeat(62) + "2"))
        .as("differs only in the truncated-away tail")
        .isNotEqualTo(name);
  }

  @Test
  void truncatedPartsNeverEndInADash() {
    String namespace = "n".repeat(15) + "-" + "x".repeat(40);
    String name =
        Identities.applicationName(namespace, "s".repeat(19) + "-y", "dev-" + "z".repeat(9));
    assertThat(name).doesNotContain("-.");
    assertThat(Names.isSubdomain(name)).as(name).isTrue();
  }

  @Test
  void randomTriplesNeverShareAnApplicationName() {
    Random random = new Random(SEED);
    Map<String, List<String>> seen = new HashMap<>();
    int hashed = 0;
    for (int i = 0; i < 50_000; i++) {
      List<String> triple = List.of(label(random), label(random), label(random));
      String name = Identities.applicationName(triple.get(0), triple.get(1), triple.get(2));
      if (name.length() > 63 || !Names.isSubdomain(name)) {
        fail("%s -> %s: longer than 63 or not a DNS subdomain", triple, name);
      }
      List<String> before = seen.putIfAbsent(name, triple);
      if (before != null && !before.equals(triple)) {
        fail("%s and %s both become %s", before, triple, name);
      }
      if (name.split("\\.").length == 4) {
        hashed++;
      }
    }
    assertThat(hashed).as("both forms were exercised").isGreaterThan(500);
  }

  @Test
  void shortNamesAreTheirOwnPrefixAndLongOnesAHashedOneOfFixedLength() {
    assertThat(Identities.objectPrefix("eu-web")).isEqualTo("eu-web-");
    String longName = "shopset-with-a-very-long-name";
    assertThat(Identities.objectPrefix(longName))
        .hasSize(Identities.MAX_PREFIX)
        .startsWith("shopset-with-");
    assertThat(Identities.objectPrefix(MAX_NAME)).hasSize(Identities.MAX_PREFIX);
    assertThat(Identities.MAX_BASE_NAME).isEqualTo(63 - 26);
  }

  @Test
  void randomNamesNeverShareAPrefixAndLeaveRoomForTheBaseName() {
    Random random = new Random(SEED);
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < 50_000; i++) {
      String name = label(random);
      String prefix = Identities.objectPrefix(name);
      String before = seen.putIfAbsent(prefix, name);
      if (before != null && !before.equals(name)) {
        fail("%s and %s share %s", before, name, prefix);
      }
      String service = prefix + "s".repeat(Identities.MAX_BASE_NAME);
      if (prefix.length() > Identities.MAX_PREFIX || !Names.isLabel(service)) {
        fail("%s: prefix %s leaves no room for %d characters", name, prefix, MAX_BASE);
      }
    }
    assertThat(Identities.MAX_PREFIX - 1)
        .as("a hashed prefix is longer than any plain one, so a name cannot imitate it")
        .isGreaterThan(Identities.SHORT_NAME);
  }

  /** A DNS label of 1 to 63 characters, long ones often, with look-alike dashes. */
  private static String label(Random r) {
    String alphabet = "ab-";
    int length = 1 + r.nextInt(r.nextBoolean() ? 63 : 12);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      boolean edge = i == 0 || i == length - 1;
      char c = alphabet.charAt(r.nextInt(edge ? 2 : 3));
      s.append(c);
    }
    return s.toString();
  }
}
