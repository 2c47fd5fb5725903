package dev.shopset.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The platform team's Slack user → Kubernetes identity mapping. */
class SlackUsersTest {

  @Test
  void eachLineMapsASlackUserToAKubernetesUserAndGroups() {
    SlackUsers users =
        SlackUsers.parse(
            """
            # Slack user id: Kubernetes user, groups...
            U012ALICE: alice, shop-releasers, prod-approvers

            U034BOB:bob
            """);
    assertThat(users.person("U012ALICE"))
        .contains(new SlackUsers.Person("alice", List.of("shop-releasers", "prod-approvers")));
    assertThat(users.person("U034BOB")).contains(new SlackUsers.Person("bob", List.of()));
    assertThat(users.person("U999EVE")).isEmpty();
    assertThat(users.person(null)).isEmpty();
  }

  @Test
  void aBadLineIsNamedWithWhatItShouldLookLike() {
    assertThatThrownBy(() -> SlackUsers.parse("U012ALICE: alice\nalice shop-releasers\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("SLACK_USER_ID: kubernetes-user, group...");
    assertThatThrownBy(() -> SlackUsers.parse("U012ALICE: ,")).hasMessageContaining("line 1");
  }

  @Test
  void propertiesAndFileCombineAndTheFileWins() {
    SlackUsers users =
        SlackUsers.of(Map.of("U1", "one", "U2", "two, g"))
            .and(SlackUsers.parse("U2: deux, groupe"));
    assertThat(users.person("U1")).contains(new SlackUsers.Person("one", List.of()));
    assertThat(users.person("U2")).contains(new SlackUsers.Person("deux", List.of("groupe")));
  }
}
