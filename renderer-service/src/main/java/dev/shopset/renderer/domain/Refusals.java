package dev.shopset.renderer.domain;

import dev.shopset.contracts.events.DesiredStateEvent;
import dev.shopset.contracts.events.RenderRefused;
import dev.shopset.contracts.events.ShopSetDeleted;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.events.ShopSetMoved;
import dev.shopset.contracts.events.ShopSetRef;
import java.util.List;
import java.util.Optional;

/**
 * What the renderer tells a ShopSet's status when it will not render it ({@link RenderRefused} on
 * {@code shopset.commits}): the branch it was meant for, the ShopSet at its generation, a reason a
 * machine can match and a message naming the field.
 */
public final class Refusals {

  /** A field that can never be rendered: {@link InvalidDesiredStateException}. */
  public static final String INVALID_DESIRED_STATE = "InvalidDesiredState";

  /** The render would not fit in one Kafka record. */
  public static final String RENDER_TOO_LARGE = "RenderTooLarge";

  /** Rendering failed in a way no field check foresaw; a retry fails the same way. */
  public static final String RENDER_FAILED = "RenderFailed";

  private Refusals() {}

  /**
   * The refusal of {@code event}, or empty for a deletion: a deleted ShopSet has no status left to
   * write, so its record only goes to the dead-letter topic.
   */
  public static Optional<RenderRefused> of(DesiredStateEvent event, String reason, String message) {
    return switch (event) {
      case ShopSetDesired d ->
          Optional.of(
              new RenderRefused(
                  d.tier().systemRepository().url(),
                  d.tier().branch(),
                  List.of(new ShopSetRef(d.namespace(), d.name(), d.generation())),
                  reason,
                  message));
      case ShopSetMoved m ->
          Optional.of(
              new RenderRefused(
                  m.systemRepository(),
                  m.branch(),
                  List.of(new ShopSetRef(m.namespace(), m.name(), m.generation())),
                  reason,
                  message));
      case ShopSetDeleted ignored -> Optional.empty();
    };
  }

  /**
   * Why a render of {@code recordBytes} does not fit under {@code limitBytes}, naming the field
   * that makes it large (the env values, or else the shop list) and what to do.
   */
  public static String tooLarge(DesiredStateEvent event, long recordBytes, long limitBytes) {
    String field = "spec";
    if (event instanceof ShopSetDesired desired) {
      long env = 0;
      if (desired.spec().env() != null) {
        for (ShopSetDesired.EnvVar var : desired.spec().env()) {
          env += var == null || var.value() == null ? 0 : var.value().length();
        }
      }
      long shops = 0;
      if (desired.spec().shops() != null) {
        for (String shop : desired.spec().shops()) {
          shops += shop == null ? 0 : shop.length() + 1;
        }
      }
      field = env >= shops ? "spec.env" : "spec.shops";
    }
    return field
        + ": the rendered files come to "
        + recordBytes
        + " bytes as one Kafka record, more than the "
        + limitBytes
        + " allowed (shopset.renderer.max-record-bytes, below the broker's max.message.bytes)."
        + " Make "
        + field
        + " smaller, e.g. move large values into the Configuration's component.";
  }
}
