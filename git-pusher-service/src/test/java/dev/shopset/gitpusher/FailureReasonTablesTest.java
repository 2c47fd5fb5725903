package dev.shopset.gitpusher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shopset.contracts.events.CommitFailed;
import dev.shopset.gitpusher.domain.FailureReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The failure tables of DESIGN.md and the README list exactly the reasons the service uses. */
class FailureReasonTablesTest {

  static final Pattern ROW = Pattern.compile("^\\|\\s*`([A-Za-z]+)`\\s*\\|");

  static List<String> reasons() {
    return Arrays.stream(FailureReason.values()).map(Enum::name).toList();
  }

  /** The first-column names of the table that follows the line containing {@code title}. */
  static List<String> tableAfter(Path file, String title) throws IOException {
    List<String> lines = Files.readAllLines(file);
    int i = 0;
    while (i < lines.size() && !lines.get(i).contains(title)) {
      i++;
    }
    assertThat(i).as("%s has a line with %s", file, title).isLessThan(lines.size());
    while (i < lines.size() && !lines.get(i).startsWith("|")) {
      i++;
    }
    List<String> names = new ArrayList<>();
    for (; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      Matcher m = ROW.matcher(lines.get(i));
      if (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  @Test
  void designMdListsEveryReasonAndNoOther() throws IOException {
    assertThat(tableAfter(Path.of("DESIGN.md"), "## Failure reasons"))
        .containsExactlyElementsOf(reasons());
  }

  @Test
  void theReadmesTroubleshootingListsEveryReasonAndNoOther() throws IOException {
    assertThat(tableAfter(Path.of("..", "README.md"), "**git-pusher failure reasons**"))
        .containsExactlyElementsOf(reasons());
  }

  @Test
  void theFailuresTheWatcherTreatsAsPassingAreReasonsTheServiceUses() {
    assertThat(reasons()).containsAll(CommitFailed.PASSING_REASONS);
  }
}
