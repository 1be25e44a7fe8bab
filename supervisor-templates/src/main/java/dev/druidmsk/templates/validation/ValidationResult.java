package dev.druidmsk.templates.validation;

import java.util.List;

public record ValidationResult(List<Problem> problems)
{
  public ValidationResult
  {
    problems = List.copyOf(problems);
  }

  /** True when no problem is an {@link Severity#ERROR}; warnings alone do not fail a spec. */
  public boolean ok()
  {
    return problems.stream().noneMatch(problem -> problem.severity() == Severity.ERROR);
  }
}
