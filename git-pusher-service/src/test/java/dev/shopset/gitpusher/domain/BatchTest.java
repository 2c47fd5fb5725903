package dev.shopset.gitpusher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.RenderRemoval;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.SourceChanged;
import dev.shopset.gitpusher.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchTest {

  static Work.Render render(String name, long gen) {
    return new Work.Render(Fixtures.render("sys", "app", "cfg", "ns", name, gen, 1));
  }

  @Test
  void theLatestResultPerShopSetWinsAndAnOlderGenerationNeverReplacesANewerOne() {
    Batch batch =
        Batch.of(
            List.of(
                render("a", 1), render("b", 1), render("a", 3), render("a", 2), render("b", 2)));
    assertThat(batch.changes().renders())
        .extracting(r -> r.name() + "@" + ((RenderResult) r).generation())
        .containsExactly("a@3", "b@2");
    assertThat(batch.size()).isEqualTo(5);
  }

  @Test
  void aRemovalAfterAResultWinsAndSourcesKeepTheLatestHead() {
    Batch batch =
        Batch.of(
            List.of(
                render("a", 4),
                new Work.Render(
                    new RenderRemoval("ns", "a", "sys", "t", "shopsets/ns/a", "apps/ns-a.yaml")),
                new Work.Source(new SourceChanged("http://h/app.git", "t", null, "1")),
                new Work.Source(new SourceChanged("http://h/app", "t", "1", "2"))));
    assertThat(batch.changes().renders()).singleElement().isInstanceOf(RenderRemoval.class);
    assertThat(batch.changes().sources())
        .singleElement()
        .extracting(SourceChanged::head)
        .isEqualTo("2");
  }

  @Test
  void completingTheBatchCompletesEveryItemItFolded() {
    List<Work> items = List.of(render("a", 1), render("a", 2));
    Batch.of(items).complete();
    assertThat(items).allSatisfy(w -> assertThat(w.done()).isCompleted());
  }
}
