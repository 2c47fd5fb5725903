package dev.shopset.shopctl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

  @Test
  void aChangedLineIsOneHunkWithThreeLinesOfContext() {
    String a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    String b = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
    assertThat(UnifiedDiff.diff("f.yaml", a, b))
        .isEqualTo(
            """
            --- a/f.yaml
            +++ b/f.yaml
            @@ -2,7 +2,7 @@
             2
             3
             4
            -5
            +five
             6
             7
             8
            """);
  }

  @Test
  void distantChangesAreTwoHunks() {
    String a = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n";
    String b = "A\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nL\n";
    assertThat(UnifiedDiff.diff("x", a, b))
        .isEqualTo(
            """
            --- a/x
            +++ b/x
            @@ -1,4 +1,4 @@
            -a
            +A
             b
             c
             d
            @@ -9,4 +9,4 @@
             i
             j
             k
            -l
            +L
            """);
  }

  @Test
  void aNewFileComesFromDevNull() {
    assertThat(UnifiedDiff.diff("n", null, "x\ny\n"))
        .isEqualTo("--- /dev/null\n+++ b/n\n@@ -0,0 +1,2 @@\n+x\n+y\n");
    assertThat(UnifiedDiff.diff("n", "x\n", null))
        .isEqualTo("--- a/n\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n");
    assertThat(UnifiedDiff.diff("n", "same\n", "same\n")).isEmpty();
  }
}
