package dev.druidmsk.localmsk.authz;

import dev.druidmsk.localmsk.authz.Decision.StatementRef;
import dev.druidmsk.localmsk.authz.IamPolicy.Effect;
import dev.druidmsk.localmsk.authz.IamPolicy.Statement;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * IAM's evaluation of the identity-based policies of one principal: an explicit Deny in any statement of any policy
 * wins, else an Allow allows, else the request is implicitly denied. Conditions, permission boundaries, SCPs and
 * session policies do not exist here ({@link IamPolicy} refuses documents with conditions).
 */
public final class IamPolicyEvaluator
{
  /** Beyond this many matcher states the question about "some resource" is answered no: deny when unsure. */
  private static final int MAX_SEARCH_STATES = 20_000;

  private final List<IamPolicy> policies;
  /**
   * Answers of {@link #evaluateOnSome}, asked for every Fetch (ReadData requires AlterGroup on some group) and
   * costing a search: an evaluator's policies never change (a reload makes new evaluators), and the questions are a
   * handful per resource type.
   */
  private final Map<List<Object>, Decision> someResourceAnswers = new ConcurrentHashMap<>();

  IamPolicyEvaluator(final List<IamPolicy> policies)
  {
    this.policies = List.copyOf(policies);
  }

  Decision evaluate(final String action, final String resourceArn)
  {
    return decide(action, resourceArn, statement -> statement.appliesToResource(resourceArn));
  }

  /**
   * Whether every one of {@code actions} is allowed on one and the same resource whose ARN starts with
   * {@code arnPrefix} (which holds all five colons) and goes on after it with characters that
   * {@code legalInName} accepts, such as "some topic of this cluster". Answered exactly: the resource patterns of the
   * statements concerned are run side by side over every possible continuation of the prefix (all characters that no
   * pattern names behave alike, so one stands for them all) until a continuation is allowed or every combination of
   * matcher states has been seen. The answer is remembered, so {@code legalInName} must be one instance for one
   * meaning (as {@link MskResourceType#legalInName()} is).
   *
   * @return for an allowed answer, the Allow of the first action at the resource found; otherwise the Deny that took
   *     away what an Allow would grant, if there is one
   */
  Decision evaluateOnSome(
      final List<String> actions,
      final String arnPrefix,
      final Predicate<Character> legalInName
  )
  {
    return someResourceAnswers.computeIfAbsent(
        List.of(actions, arnPrefix, legalInName),
        question -> searchSomeResource(actions, arnPrefix, legalInName)
    );
  }

  private Decision searchSomeResource(
      final List<String> actions,
      final String arnPrefix,
      final Predicate<Character> legalInName
  )
  {
    final Map<ArnPattern, Integer> patternIds = new IdentityHashMap<>();
    final List<GlobPattern> resourceParts = new ArrayList<>();
    final Set<Character> literals = new TreeSet<>();
    for (IamPolicy policy : policies) {
      for (Statement statement : policy.statements()) {
        if (actions.stream().anyMatch(statement::appliesToAction)) {
          for (ArnPattern pattern : statement.resources()) {
            final GlobPattern resourcePart = pattern.resourcePartFor(arnPrefix);
            patternIds.put(pattern, resourceParts.size());
            resourceParts.add(resourcePart);
            if (resourcePart != null) {
              resourcePart.literals().chars().forEach(c -> literals.add((char) c));
            }
          }
        }
      }
    }
    final List<Character> alphabet = new ArrayList<>();
    literals.stream().filter(legalInName).forEach(alphabet::add);
    for (char other = 'a'; other < Character.MAX_VALUE; other++) {
      if (!literals.contains(other) && legalInName.test(other)) {
        alphabet.add(other);
        break;
      }
    }

    final String prefixResourcePart = ArnPattern.resourcePart(arnPrefix);
    final BitSet[] start = new BitSet[resourceParts.size()];
    for (int i = 0; i < start.length; i++) {
      final GlobPattern part = resourceParts.get(i);
      start[i] = part == null ? new BitSet() : part.advance(part.start(), prefixResourcePart);
    }
    final Deque<Node> queue = new ArrayDeque<>();
    final Set<List<BitSet>> seen = new HashSet<>();
    // The start is not "seen": a name may lead back to the matcher states of the bare prefix, and must be judged.
    queue.add(new Node(start, ""));
    while (!queue.isEmpty() && seen.size() <= MAX_SEARCH_STATES) {
      final Node node = queue.poll();
      if (!node.suffix.isEmpty()) {
        final Predicate<Statement> applies = statement -> node.matches(statement, patternIds, resourceParts);
        final String resource = arnPrefix + node.suffix;
        final List<Decision> decisions = actions.stream().map(action -> decide(action, resource, applies)).toList();
        if (decisions.stream().allMatch(Decision::allowed)) {
          return decisions.get(0);
        }
      }
      for (char c : alphabet) {
        final BitSet[] next = new BitSet[node.positions.length];
        for (int i = 0; i < next.length; i++) {
          final GlobPattern part = resourceParts.get(i);
          next[i] = part == null ? node.positions[i] : part.advance(node.positions[i], c);
        }
        if (seen.add(Arrays.asList(next))) {
          queue.add(new Node(next, node.suffix + c));
        }
      }
    }
    return new Decision(false, String.join(" and ", actions), arnPrefix + "*", blockingDeny(actions));
  }

  /** The first Deny concerning {@code actions}, when some Allow concerns them too: the likely reason for a no. */
  private StatementRef blockingDeny(final List<String> actions)
  {
    final boolean anyAllow = policies.stream().flatMap(policy -> policy.statements().stream()).anyMatch(
        statement -> statement.effect() == Effect.ALLOW && actions.stream().anyMatch(statement::appliesToAction)
    );
    for (int p = 0; anyAllow && p < policies.size(); p++) {
      for (Statement statement : policies.get(p).statements()) {
        if (statement.effect() == Effect.DENY && actions.stream().anyMatch(statement::appliesToAction)) {
          return new StatementRef(p, statement.index(), statement.sid(), statement.effect());
        }
      }
    }
    return null;
  }

  private Decision decide(final String action, final String resource, final Predicate<Statement> appliesToResource)
  {
    StatementRef allow = null;
    for (int p = 0; p < policies.size(); p++) {
      for (Statement statement : policies.get(p).statements()) {
        if (statement.appliesToAction(action) && appliesToResource.test(statement)) {
          final StatementRef ref = new StatementRef(p, statement.index(), statement.sid(), statement.effect());
          if (statement.effect() == Effect.DENY) {
            return new Decision(false, action, resource, ref);
          }
          if (allow == null) {
            allow = ref;
          }
        }
      }
    }
    return new Decision(allow != null, action, resource, allow);
  }

  /** The matcher states of every pattern after reading the ARN prefix and then {@code suffix}. */
  private record Node(BitSet[] positions, String suffix)
  {
    boolean matches(
        final Statement statement,
        final Map<ArnPattern, Integer> patternIds,
        final List<GlobPattern> resourceParts
    )
    {
      boolean any = false;
      for (ArnPattern pattern : statement.resources()) {
        final int id = patternIds.get(pattern);
        final GlobPattern part = resourceParts.get(id);
        any |= part != null && part.accepts(positions[id]);
      }
      return any != statement.notResource();
    }
  }
}
