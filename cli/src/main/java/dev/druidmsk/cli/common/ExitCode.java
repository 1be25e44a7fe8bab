package dev.druidmsk.cli.common;

/**
 * The exit codes of every druid-msk command, so that scripts can branch on the outcome without parsing text.
 */
public final class ExitCode
{
  /** Done; for `diff`, the specs are the same; for `validate`, the spec is valid. */
  public static final int OK = 0;
  /** A negative answer: `diff` found differences, `validate` found errors, `submit` rolled back. */
  public static final int NEGATIVE = 1;
  /** Bad input or an error before anything changed on the cluster (usage, files, validation, HTTP). */
  public static final int ERROR = 2;
  /** `submit` changed the cluster, the update failed, and the known-good spec could not be restored. */
  public static final int ROLLBACK_FAILED = 3;

  private ExitCode()
  {
  }
}
