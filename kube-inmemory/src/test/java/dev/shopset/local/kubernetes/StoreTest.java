package dev.shopset.local.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreTest {

  private static final String KEY = "shopsets.shopset.dev";

  private final Store store = new Store(3);

  @Test
  void aWatchFromAResourceVersionGetsExactlyTheChangesSince() {
    save("a", "x");
    long listed = store.revision();
    save("b", "x");
    store.exclusive(() -> store.remove(KEY, store.get(KEY, "ns", "a")));
    List<String> events = watch(null, listed);
    assertThat(events).containsExactly("ADDED b", "DELETED a");
  }

  @Test
  void aWatchWithoutResourceVersionStartsWithEverythingAsAdded() {
    save("a", "x");
    save("b", "x");
    assertThat(watch(null, null)).containsExactly("ADDED a", "ADDED b");
  }

  @Test
  void aResourceVersionOlderThanTheHistoryIsExpired() {
    long start = store.revision();
    for (int i = 0; i < 5; i++) {
      save("o" + i, "x");
    }
    assertThatThrownBy(() -> watch(null, start))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(410));
    assertThat(watch(null, store.revision() - 3)).hasSize(3);
  }

  @Test
  void objectsEnteringOrLeavingASelectorAreAddedOrDeletedForThatWatch() {
    save("a", "x");
    List<String> events = new ArrayList<>();
    open("app=y", null, events);
    save("a", "y");
    save("a", "y2");
    save("a", "y");
    assertThat(events).containsExactly("ADDED a", "DELETED a", "ADDED a");
  }

  @Test
  void listsReadOneNamespaceInNameOrderWithPages() {
    save("b", "x");
    save("a", "x");
    store.exclusive(() -> store.save(KEY, object("other", "c", "x")));
    Store.Page first = store.list(KEY, "ns", s -> true, null, 1);
    assertThat(first.items()).extracting(Stored::name).containsExactly("a");
    Store.Page second = store.list(KEY, "ns", s -> true, first.continueAfter(), 1);
    assertThat(second.items()).extracting(Stored::name).containsExactly("b");
    assertThat(store.list(KEY, null, s -> true, null, 0).items()).hasSize(3);
  }

  private List<String> watch(String selector, Long since) {
    List<String> events = new ArrayList<>();
    open(selector, since, events);
    return events;
  }

  private void open(String selector, Long since, List<String> events) {
    Watch watch =
        new Watch(
            KEY,
            "ns",
            ApiOperations.selector(selector, null),
            new Watch.Sink() {
              @Override
              public boolean send(String type, Stored object) {
                events.add(type + " " + object.name());
                return true;
              }

              @Override
              public void sendRaw(byte[] line) {}

              @Override
              public void close() {}
            });
    store.open(watch, since);
  }

  private void save(String name, String app) {
    store.exclusive(() -> store.save(KEY, object("ns", name, app)));
  }

  private static ObjectNode object(String namespace, String name, String app) {
    ObjectNode object = Json.object();
    object
        .putObject("metadata")
        .put("namespace", namespace)
        .put("name", name)
        .putObject("labels")
        .put("app", app);
    return object;
  }
}
