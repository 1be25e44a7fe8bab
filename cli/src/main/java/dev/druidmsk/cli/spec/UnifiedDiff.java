package dev.druidmsk.cli.spec;

import java.util.ArrayList;
import java.util.List;

/** A line diff in `diff -u` format (longest common subsequence; specs are a few hundred lines). */
final class UnifiedDiff
{
  private static final int CONTEXT = 3;

  private UnifiedDiff()
  {
  }

  /** The unified diff from `before` to `after`, empty when they are equal. */
  static String of(List<String> before, List<String> after, String beforeLabel, String afterLabel)
  {
    final List<Edit> edits = edits(before, after);
    final StringBuilder out = new StringBuilder();
    int index = 0;
    while (index < edits.size()) {
      if (edits.get(index).kind == ' ') {
        index++;
        continue;
      }
      final int start = Math.max(0, index - CONTEXT);
      int end = index;
      // Extend the hunk while the next change is close enough for the contexts to touch.
      int lastChange = index;
      while (end < edits.size() && end - lastChange <= 2 * CONTEXT) {
        if (edits.get(end).kind != ' ') {
          lastChange = end;
        }
        end++;
      }
      end = Math.min(edits.size(), lastChange + CONTEXT + 1);
      if (out.length() == 0) {
        out.append("--- ").append(beforeLabel).append('\n').append("+++ ").append(afterLabel).append('\n');
      }
      appendHunk(out, edits.subList(start, end));
      index = end;
    }
    return out.toString();
  }

  private static void appendHunk(StringBuilder out, List<Edit> hunk)
  {
    final Edit first = hunk.get(0);
    int beforeCount = 0;
    int afterCount = 0;
    for (Edit edit : hunk) {
      beforeCount += edit.kind == '+' ? 0 : 1;
      afterCount += edit.kind == '-' ? 0 : 1;
    }
    out.append("@@ -").append(range(first.beforeLine, beforeCount))
       .append(" +").append(range(first.afterLine, afterCount)).append(" @@\n");
    for (Edit edit : hunk) {
      out.append(edit.kind).append(edit.text).append('\n');
    }
  }

  /** GNU diff's numbering: an empty range names the line before it. */
  private static String range(int firstLine, int count)
  {
    return (count == 0 ? firstLine - 1 : firstLine) + "," + count;
  }

  private static List<Edit> edits(List<String> before, List<String> after)
  {
    final int[][] common = new int[before.size() + 1][after.size() + 1];
    for (int i = before.size() - 1; i >= 0; i--) {
      for (int j = after.size() - 1; j >= 0; j--) {
        common[i][j] = before.get(i).equals(after.get(j))
                       ? common[i + 1][j + 1] + 1
                       : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    final List<Edit> edits = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < before.size() || j < after.size()) {
      if (i < before.size() && j < after.size() && before.get(i).equals(after.get(j))) {
        edits.add(new Edit(' ', before.get(i), ++i, ++j));
      } else if (i < before.size() && (j == after.size() || common[i + 1][j] >= common[i][j + 1])) {
        edits.add(new Edit('-', before.get(i), ++i, j + 1));
      } else {
        edits.add(new Edit('+', after.get(j), i + 1, ++j));
      }
    }
    return edits;
  }

  /** One line of the edit script, with its 1-based line numbers on both sides. */
  private static final class Edit
  {
    final char kind;
    final String text;
    final int beforeLine;
    final int afterLine;

    Edit(char kind, String text, int beforeLine, int afterLine)
    {
      this.kind = kind;
      this.text = text;
      this.beforeLine = beforeLine;
      this.afterLine = afterLine;
    }
  }
}
