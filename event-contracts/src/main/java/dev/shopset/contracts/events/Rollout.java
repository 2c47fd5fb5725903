package dev.shopset.contracts.events;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.SortedMap;

/**
 * What every rollout event says about the rollout it belongs to.
 *
 * @param shopSet the owning ShopSet's name, when the Deployment carries its label
 * @param tier the Tier, when the Deployment carries its label
 * @param revision the Deployment revision being rolled out
 * @param imagesBefore container name to image before the rollout
 * @param imagesAfter container name to image after it
 * @param slackChannel the {@code shopset.dev/slack-channel} annotation, when present
 */
@JsonClassDescription(
    "The rollout an event belongs to: every event of one rollout carries the same.")
public record Rollout(
    @JsonPropertyDescription("The Deployment's namespace.") String namespace,
    @JsonPropertyDescription("The Deployment's name.") String deployment,
    @JsonPropertyDescription(
            "The owning ShopSet's name; absent when the Deployment does not carry its label.")
        String shopSet,
    @JsonPropertyDescription("The Tier; absent when the Deployment does not carry its label.")
        String tier,
    @JsonPropertyDescription("The Deployment revision being rolled out.") long revision,
    @JsonPropertyDescription("Container name to image before the rollout.")
        SortedMap<String, String> imagesBefore,
    @JsonPropertyDescription("Container name to image after it.")
        SortedMap<String, String> imagesAfter,
    @JsonPropertyDescription("The shopset.dev/slack-channel annotation; absent when not set.")
        String slackChannel,
    @JsonPropertyDescription("When the rollout began (RFC 3339, UTC).") Instant startedAt) {

  public Rollout {
    Require.present(namespace, "rollout.namespace");
    Require.present(deployment, "rollout.deployment");
    imagesBefore = Require.sorted(imagesBefore);
    imagesAfter = Require.sorted(imagesAfter);
    Require.present(startedAt, "rollout.startedAt");
  }

  /** {@code namespace/deployment#revision}: the same for every event of one rollout. */
  public String id() {
    return Keys.object(namespace, deployment) + "#" + revision;
  }
}
