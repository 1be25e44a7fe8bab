package dev.druidmsk.probe.node;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Check results as the doctor reads them: {name, status, summary, evidence[], fix}, and for a request MSK refused,
 * {@code missingAction}: the doctor words that fix from the reader policy's statement granting the action.
 * Public: the Kafka-side probe, loaded below the Kafka extension's loader, sees it through the application class
 * loader.
 */
public final class Checks
{
  private final ArrayNode results = JsonNodeFactory.instance.arrayNode();

  public ArrayNode results()
  {
    return results;
  }

  public void pass(String name, String summary, List<String> evidence)
  {
    add(name, "PASS", summary, evidence, null);
  }

  public void warn(String name, String summary, List<String> evidence, String fix)
  {
    add(name, "WARN", summary, evidence, fix);
  }

  public void fail(String name, String summary, List<String> evidence, String fix)
  {
    add(name, "FAIL", summary, evidence, fix);
  }

  public void skip(String name, String reason)
  {
    add(name, "SKIP", reason, List.of(), null);
  }

  /** A FAIL because the role lacks {@code action} ({@code kafka-cluster:ReadData}); the fix is the doctor's. */
  public void refused(String name, String summary, List<String> evidence, String action)
  {
    add(name, "FAIL", summary, evidence, null);
    ((ObjectNode) results.get(results.size() - 1)).put("missingAction", action);
  }

  private void add(String name, String status, String summary, List<String> evidence, String fix)
  {
    final ObjectNode check = results.addObject().put("name", name).put("status", status).put("summary", summary);
    evidence.forEach(check.putArray("evidence")::add);
    check.put("fix", fix);
  }
}
