package dev.shopset.gitpusher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.RenderRemoval;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.gitpusher.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchTest {

  static Work.Render render(String name, long gen) {
    return new Work.Render(Fixtures.render("sys", "app", "cfg", "ns", name, gen, 1));
  }

  static Work.Pin pin(String url, String head) {
    return new Work.Pin(new PinMove(new SourceRef(url, "t"), null, head.repeat(40), false));
  }

  @Test
  void theLatestArrivalPerShopSetWinsEvenWhenItsGenerationStartedOver() {
    // "a" deleted at generation 4 and created again: its new object starts at generation 1
    Batch batch =
        Batch.of(
            List.of(
                render("a", 4), render("b", 1), render("a", 1), render("b", 2), render("a", 2)));
    assertThat(batch.renderEvents())
        .extracting(r -> r.name() + "@" + ((RenderResult) r).generation())
        .containsExactly("b@2", "a@2");
    assertThat(batch.size()).isEqualTo(2);
  }

  @Test
  void aRemovalAfterAResultWinsAndPinsKeepTheLatestHeadHoweverTheUrlIsSpelled() {
    Batch batch =
        Batch.of(
            List.of(
                render("a", 4),
                new Work.Render(
                    new RenderRemoval("ns", "a", "sys", "t", "shopsets/ns/a", "apps/ns/a.yaml")),
                pin("http://h/app.git", "1"),
                pin("http://h/app", "2")));
    assertThat(batch.renderEvents()).singleElement().isInstanceOf(RenderRemoval.class);
    assertThat(batch.pins())
        .singleElement()
        .extracting(p -> p.move().head())
        .isEqualTo("2".repeat(40));
  }

  @Test
  void completingTheKeptWorkCompletesEveryItemItSuperseded() {
    List<Work> items = List.of(render("a", 1), render("a", 2), render("a", 3));
    Batch batch = Batch.of(items);
    assertThat(batch.units()).singleElement().isSameAs(items.get(2));
    assertThat(items.get(0).done()).isNotDone();
    batch.units().forEach(Work::complete);
    assertThat(items).allSatisfy(w -> assertThat(w.done()).isCompleted());
  }
}
