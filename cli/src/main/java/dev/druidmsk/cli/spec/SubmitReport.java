package dev.druidmsk.cli.spec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What `spec submit` did: the diff it acted on, its outcome (a word for scripts) and a sentence for people.
 */
record SubmitReport(String supervisorId, String diff, Outcome outcome, String message)
{
  /** How a submit ended; `spec submit` maps each to its exit code. */
  enum Outcome
  {
    UNCHANGED("unchanged"),
    DRY_RUN("dry-run"),
    SUBMITTED("submitted"),
    ROLLED_BACK("rolled-back"),
    ROLLBACK_FAILED("rollback-failed");

    private final String word;

    Outcome(String word)
    {
      this.word = word;
    }
  }

  /** Before the outcome is known. */
  SubmitReport(String supervisorId, String diff)
  {
    this(supervisorId, diff, null, null);
  }

  SubmitReport outcome(Outcome outcome, String message)
  {
    return new SubmitReport(supervisorId, diff, outcome, message);
  }

  ObjectNode toJson()
  {
    final ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("supervisor", supervisorId);
    node.put("outcome", outcome.word);
    node.put("message", message);
    node.put("diff", diff);
    return node;
  }
}
