package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.SourceChanged;

/** Port: where new source heads go ({@code shopset.sources}); returns once the broker has it. */
public interface SourceEvents {
  void sourceChanged(SourceChanged event);
}
