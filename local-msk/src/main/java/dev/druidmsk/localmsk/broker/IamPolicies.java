package dev.druidmsk.localmsk.broker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.localmsk.iam.PrivateFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IAM policies attached to roles and users, in the file the broker's authorizer reads:
 * {@code {"roles": {"<role or user ARN>": [<IAM policy document>, ...]}}}. Every change replaces the file
 * atomically; the authorizer reads it again when its modification time changes, so no restart is needed.
 */
public final class IamPolicies
{
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<String, List<JsonNode>> policies = new LinkedHashMap<>();

  IamPolicies(final Path file, final Map<String, List<String>> initial) throws IOException
  {
    this.file = file;
    for (Map.Entry<String, List<String>> role : initial.entrySet()) {
      policies.put(role.getKey(), parse(role.getValue()));
    }
    write();
  }

  public Path file()
  {
    return file;
  }

  /** Replaces every policy of {@code principalArn} with {@code documents}; none detaches them all. */
  public synchronized void replace(final String principalArn, final List<String> documents) throws IOException
  {
    final List<JsonNode> parsed = parse(documents);
    if (parsed.isEmpty()) {
      policies.remove(principalArn);
    } else {
      policies.put(principalArn, parsed);
    }
    write();
  }

  /** The document as a JSON object, or an exception saying why it is not one. */
  public static JsonNode parse(final String document)
  {
    final JsonNode node;
    try {
      node = JSON.readTree(document);
    }
    catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage() + " at line "
                                         + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return node;
  }

  private static List<JsonNode> parse(final List<String> documents)
  {
    return documents.stream().map(IamPolicies::parse).toList();
  }

  private void write() throws IOException
  {
    final ObjectNode root = JSON.createObjectNode();
    final ObjectNode roles = root.putObject("roles");
    policies.forEach((arn, documents) -> roles.putArray(arn).addAll(documents));
    PrivateFiles.replaceAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }
}
