package dev.druidmsk.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What `spec submit` did: the diff it acted on, an outcome word for scripts (unchanged, dry-run, submitted,
 * rolled-back, rollback-failed), a sentence for people, and the exit code.
 */
record SubmitReport(String supervisorId, String diff, String outcome, String message, int exitCode)
{
  /** Before the outcome is known. */
  SubmitReport(String supervisorId, String diff)
  {
    this(supervisorId, diff, null, null, ExitCode.ERROR);
  }

  SubmitReport outcome(String outcome, String message, int exitCode)
  {
    return new SubmitReport(supervisorId, diff, outcome, message, exitCode);
  }

  ObjectNode toJson()
  {
    final ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("supervisor", supervisorId);
    node.put("outcome", outcome);
    node.put("message", message);
    node.put("diff", diff);
    return node;
  }
}
