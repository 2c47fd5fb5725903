package dev.shopset.contracts.events;

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
public record Rollout(
    String namespace,
    String deployment,
    String shopSet,
    String tier,
    long revision,
    SortedMap<String, String> imagesBefore,
    SortedMap<String, String> imagesAfter,
    String slackChannel,
    Instant startedAt) {

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
