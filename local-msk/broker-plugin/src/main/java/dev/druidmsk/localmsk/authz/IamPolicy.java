package dev.druidmsk.localmsk.authz;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One IAM identity-based policy document, validated as strictly as IAM does, and never more kindly: an element IAM
 * knows but this emulator cannot evaluate ({@code Condition}) makes the document invalid rather than being ignored,
 * since ignoring a condition would grant more than AWS grants.
 */
final class IamPolicy
{
  static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
  private static final Set<String> DOCUMENT_ELEMENTS = Set.of("Version", "Id", "Statement");
  private static final Set<String> STATEMENT_ELEMENTS =
      Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource");
  private static final Pattern SID = Pattern.compile("[A-Za-z0-9]*");
  private static final Pattern ACTION = Pattern.compile("\\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+");
  // arn:partition:service:region:account:resource, where region and account may be empty (IAM ARNs have no region).
  private static final Pattern ARN = Pattern.compile("\\*|arn:[^:]+:[^:]+:[^:]*:[^:]*:.+");

  enum Effect
  {
    ALLOW, DENY
  }

  private final List<Statement> statements;

  private IamPolicy(final List<Statement> statements)
  {
    this.statements = statements;
  }

  List<Statement> statements()
  {
    return statements;
  }

  /** @throws IllegalArgumentException naming what is wrong with the document */
  static IamPolicy parse(final String json)
  {
    final JsonNode tree;
    try {
      tree = JSON.readTree(json);
    }
    catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
    }
    return fromTree(tree);
  }

  /** @throws IllegalArgumentException naming what is wrong with the document */
  static IamPolicy fromTree(final JsonNode document)
  {
    if (document == null || !document.isObject()) {
      throw new IllegalArgumentException("a policy document must be a JSON object with a Statement");
    }
    for (Iterator<String> names = document.fieldNames(); names.hasNext(); ) {
      final String name = names.next();
      if (!DOCUMENT_ELEMENTS.contains(name)) {
        throw new IllegalArgumentException("unknown policy element " + name + " (allowed: Version, Id, Statement)");
      }
    }
    final JsonNode version = document.get("Version");
    if (version != null && !(version.isTextual() && VERSIONS.contains(version.asText()))) {
      throw new IllegalArgumentException("Version must be \"2012-10-17\" or \"2008-10-17\", not " + version);
    }
    final JsonNode statementNode = document.get("Statement");
    if (statementNode == null) {
      throw new IllegalArgumentException("the policy has no Statement");
    }
    final List<Statement> statements = new ArrayList<>();
    final Set<String> sids = new HashSet<>();
    for (JsonNode node : oneOrMore("", statementNode, "Statement")) {
      final Statement statement = statement(statements.size(), node);
      if (!statement.sid().isEmpty() && !sids.add(statement.sid())) {
        throw new IllegalArgumentException("Sid " + statement.sid() + " is used by more than one statement");
      }
      statements.add(statement);
    }
    return new IamPolicy(List.copyOf(statements));
  }

  private static Statement statement(final int index, final JsonNode node)
  {
    final String where = "statement " + index;
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + " must be a JSON object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      final String name = names.next();
      if ("Condition".equals(name)) {
        throw new IllegalArgumentException(where + ": Condition is not supported by local-msk");
      }
      if ("Principal".equals(name) || "NotPrincipal".equals(name)) {
        throw new IllegalArgumentException(where + ": " + name + " is not allowed in an identity-based policy");
      }
      if (!STATEMENT_ELEMENTS.contains(name)) {
        throw new IllegalArgumentException(
            where + ": unknown element " + name + " (allowed: Sid, Effect, Action, NotAction, Resource, NotResource)"
        );
      }
    }
    final JsonNode sidNode = node.get("Sid");
    final String sid = sidNode == null ? "" : sidNode.isTextual() ? sidNode.asText() : null;
    if (sid == null || !SID.matcher(sid).matches()) {
      throw new IllegalArgumentException(where + ": Sid may hold only the letters A-Z, a-z and digits, not " + sidNode);
    }
    final JsonNode effectNode = node.get("Effect");
    final Effect effect;
    if (effectNode != null && "Allow".equals(effectNode.asText())) {
      effect = Effect.ALLOW;
    } else if (effectNode != null && "Deny".equals(effectNode.asText())) {
      effect = Effect.DENY;
    } else {
      throw new IllegalArgumentException(where + ": Effect must be \"Allow\" or \"Deny\", not " + effectNode);
    }
    final boolean notAction = oneOf(where, node, "Action", "NotAction");
    final boolean notResource = oneOf(where, node, "Resource", "NotResource");
    final List<GlobPattern> actions = new ArrayList<>();
    for (String action : strings(where, node, notAction ? "NotAction" : "Action")) {
      if (!ACTION.matcher(action).matches()) {
        throw new IllegalArgumentException(where + ": action " + action + " is not \"*\" or service:Action");
      }
      actions.add(GlobPattern.caseInsensitive(action));
    }
    final List<ArnPattern> resources = new ArrayList<>();
    for (String resource : strings(where, node, notResource ? "NotResource" : "Resource")) {
      if (!ARN.matcher(resource).matches()) {
        throw new IllegalArgumentException(where + ": resource " + resource + " is not \"*\" or an ARN");
      }
      resources.add(ArnPattern.of(resource));
    }
    return new Statement(index, sid, effect, List.copyOf(actions), notAction, List.copyOf(resources), notResource);
  }

  /** @return whether the statement uses the negated element */
  private static boolean oneOf(final String where, final JsonNode node, final String plain, final String negated)
  {
    final boolean hasPlain = node.has(plain);
    if (hasPlain == node.has(negated)) {
      throw new IllegalArgumentException(where + " must have exactly one of " + plain + " and " + negated);
    }
    return !hasPlain;
  }

  /** IAM lets an element hold one value or an array of them; an empty array is an error. */
  private static List<JsonNode> oneOrMore(final String where, final JsonNode value, final String element)
  {
    final List<JsonNode> items = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(items::add);
    } else {
      items.add(value);
    }
    if (items.isEmpty()) {
      throw new IllegalArgumentException(where + element + " is empty");
    }
    return items;
  }

  private static List<String> strings(final String where, final JsonNode node, final String element)
  {
    final List<String> strings = new ArrayList<>();
    for (JsonNode item : oneOrMore(where + ": ", node.get(element), element)) {
      if (!item.isTextual() || item.asText().isEmpty()) {
        throw new IllegalArgumentException(where + ": " + element + " must hold non-empty strings, not " + item);
      }
      strings.add(item.asText());
    }
    return strings;
  }

  /**
   * One statement. With {@code NotAction} (or {@code NotResource}) it applies to every action (resource) that none of
   * its patterns matches, as in IAM.
   */
  record Statement(
      int index,
      String sid,
      Effect effect,
      List<GlobPattern> actions,
      boolean notAction,
      List<ArnPattern> resources,
      boolean notResource
  )
  {
    boolean appliesToAction(final String action)
    {
      return actions.stream().anyMatch(pattern -> pattern.matches(action)) != notAction;
    }

    boolean appliesToResource(final String resourceArn)
    {
      return resources.stream().anyMatch(pattern -> pattern.matches(resourceArn)) != notResource;
    }
  }
}
