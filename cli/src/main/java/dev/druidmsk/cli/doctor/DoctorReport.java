package dev.druidmsk.cli.doctor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;

/**
 * The checks of one doctor run, in the order they ran, and the exit code they add up to:
 * 0 every check passed, 1 warnings but no failure, 2 at least one failure.
 */
public final class DoctorReport
{
  public static final int EXIT_OK = 0;
  public static final int EXIT_WARNINGS = 1;
  public static final int EXIT_FAILURES = 2;

  private final List<CheckResult> checks;
  private final Duration wallTime;

  public DoctorReport(List<CheckResult> checks, Duration wallTime)
  {
    this.checks = List.copyOf(checks);
    this.wallTime = wallTime;
  }

  public List<CheckResult> checks()
  {
    return checks;
  }

  public int exitCode()
  {
    if (count(CheckStatus.FAIL) > 0) {
      return EXIT_FAILURES;
    }
    return count(CheckStatus.WARN) > 0 ? EXIT_WARNINGS : EXIT_OK;
  }

  /** One line per check, grouped, with indented evidence and fix; a verdict line last. */
  public String toText()
  {
    final StringBuilder text = new StringBuilder();
    String group = null;
    for (CheckResult check : checks) {
      if (!check.group().equals(group)) {
        group = check.group();
        text.append(text.length() == 0 ? "" : "\n").append(group).append('\n');
      }
      text.append(String.format("  %-4s  %-37s %s%n", check.status(), check.name(), check.summary()));
      for (String line : check.evidence()) {
        text.append("          ").append(line).append('\n');
      }
      if (check.fix() != null) {
        text.append("          fix: ").append(check.fix()).append('\n');
      }
    }
    text.append('\n').append(verdict()).append('\n');
    return text.toString();
  }

  public ObjectNode toJson()
  {
    final ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("verdict", verdictWord());
    root.put("exitCode", exitCode());
    root.put("wallTimeMs", wallTime.toMillis());
    final ArrayNode array = root.putArray("checks");
    for (CheckResult check : checks) {
      final ObjectNode node = array.addObject()
                                   .put("name", check.name())
                                   .put("status", check.status().name())
                                   .put("summary", check.summary());
      check.evidence().forEach(node.putArray("evidence")::add);
      node.put("fix", check.fix());
    }
    return root;
  }

  private String verdict()
  {
    return String.format(
        "%s: %d passed, %d warnings, %d failed, %d skipped (%.1f s)",
        verdictWord(), count(CheckStatus.PASS), count(CheckStatus.WARN), count(CheckStatus.FAIL),
        count(CheckStatus.SKIP), wallTime.toMillis() / 1000.0
    );
  }

  private String verdictWord()
  {
    switch (exitCode()) {
      case EXIT_OK:
        return "ready";
      case EXIT_WARNINGS:
        return "ready with warnings";
      default:
        return "not ready";
    }
  }

  private long count(CheckStatus status)
  {
    return checks.stream().filter(check -> check.status() == status).count();
  }
}
