package dev.druidmsk.cli.doctor;

/** The outcome of one doctor check. SKIP means a check it depends on failed, so it could not run. */
public enum CheckStatus
{
  PASS,
  WARN,
  FAIL,
  SKIP
}
