package dev.druidmsk.templates.validation;

public enum Severity
{
  /** Druid would reject the spec, or the supervisor would fail once running. */
  ERROR,
  /** Druid accepts the spec, but it is probably not what was meant. */
  WARNING
}
