package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.PinRequested;

/** Port: where pin requests go ({@code shopset.renders}); returns once the broker has it. */
public interface PinRequests {
  void requested(PinRequested request);
}
