package dev.druidmsk.cli.doctor;

import java.util.List;

/**
 * One named check: its outcome, a one-line summary, the evidence it is based on, and (unless it passed) the fix.
 * Names are stable ({@code group.check}, e.g. {@code kafka.describe-topic}) so that scripts can select them in the
 * JSON report.
 */
public record CheckResult(String name, CheckStatus status, String summary, List<String> evidence, String fix)
{
  public CheckResult
  {
    evidence = List.copyOf(evidence);
  }

  public static CheckResult pass(String name, String summary, List<String> evidence)
  {
    return new CheckResult(name, CheckStatus.PASS, summary, evidence, null);
  }

  public static CheckResult warn(String name, String summary, List<String> evidence, String fix)
  {
    return new CheckResult(name, CheckStatus.WARN, summary, evidence, fix);
  }

  public static CheckResult fail(String name, String summary, List<String> evidence, String fix)
  {
    return new CheckResult(name, CheckStatus.FAIL, summary, evidence, fix);
  }

  public static CheckResult skip(String name, String reason)
  {
    return new CheckResult(name, CheckStatus.SKIP, reason, List.of(), null);
  }

  /** The group a check belongs to: the part of its name before the first dot. */
  public String group()
  {
    final int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }
}
