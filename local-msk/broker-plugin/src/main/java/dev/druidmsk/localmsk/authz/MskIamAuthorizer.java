package dev.druidmsk.localmsk.authz;

import org.apache.kafka.common.Endpoint;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.server.authorizer.AclCreateResult;
import org.apache.kafka.server.authorizer.AclDeleteResult;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.apache.kafka.server.authorizer.Authorizer;
import org.apache.kafka.server.authorizer.AuthorizerServerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Authorizes the requests of IAM principals by their IAM policies, the way MSK with IAM access control does: each
 * Kafka operation on a resource stands for one {@code kafka-cluster:*} action on the resource's MSK ARN
 * ({@link MskAction} has the table and its sources), and the request is allowed only when the principal's policies
 * allow that action and every action it requires.
 *
 * <p>What exactly is required for an action A on a resource R (all of it also for Connect, which has no requirement):
 * <ul>
 *   <li>A on R;</li>
 *   <li>each required action of A's resource type on R itself (WriteData on topic T needs DescribeTopic on T), as the
 *       guide's table pairs them on the same resource;</li>
 *   <li>each required cluster action (Connect above all) on the cluster: MSK checks Connect when the client
 *       authenticates; requiring it for every request also makes a policy change that removes it take effect on open
 *       connections, as MSK's periodic re-authentication does;</li>
 *   <li>each required action of another resource type (ReadData needs AlterGroup, WriteDataIdempotently and
 *       AlterTransactionalId need WriteData) on <em>some</em> resource of that type in this cluster, together with
 *       what it requires in turn on that same resource: the Kafka request names no such resource (a Fetch names no
 *       group), and the guide says a policy must include these actions. How MSK checks them is not documented; this
 *       is the emulator's reading, the strictest that still lets the guide's use-case policies work.</li>
 * </ul>
 * A question about some resource of a type rather than a named one ({@link #authorizeByResourceType}) is asked as MSK
 * asks it, on a resource named {@value #PROBE_NAME}.
 *
 * <p>Principals that are not IAM ARNs are allowed everything: they are the emulator's own setup listener
 * ({@code User:ANONYMOUS} on the internal PLAINTEXT listener, used by tests to create topics) and the KRaft
 * controller and inter-broker principals. Only local-msk's SASL server gives a principal an {@code arn:} name.
 *
 * <p>A denied request gets Kafka's usual authorization error and no detail, as on MSK; the logger
 * {@code dev.druidmsk.localmsk.authz} says at INFO who was denied which action on which ARN and which statement decided
 * (Kafka's own authorizer check shortcuts that it does not want logged, such as CREATE CLUSTER before CREATE TOPIC, are
 * logged at DEBUG), and every allowed decision at DEBUG.
 *
 * <p>Kafka ACLs do not exist here: creating or deleting them fails with a message, and none are listed.
 */
public final class MskIamAuthorizer implements Authorizer
{
  /** The JSON file of {@link PolicyFile}: every role's and user's policies. */
  public static final String POLICIES_FILE_CONFIG = "druidmsk.authz.policies.file";
  /** {@code arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/UUID}: the ARNs of topics, groups and so on derive from it. */
  public static final String CLUSTER_ARN_CONFIG = "druidmsk.authz.cluster.arn";

  private static final Logger LOG = LoggerFactory.getLogger("dev.druidmsk.localmsk.authz");
  private static final String NO_ACLS = "MSK with IAM access control does not use Kafka ACLs:"
                                        + " grant access with IAM policies (" + POLICIES_FILE_CONFIG + ")";
  private static final IamPolicyEvaluator NO_POLICIES = new IamPolicyEvaluator(List.of());
  /** The resource name of Kafka's default {@link Authorizer#authorizeByResourceType}. */
  private static final String PROBE_NAME = "hardcode";

  private MskCluster cluster;
  private PolicyFile policies;

  @Override
  public void configure(final Map<String, ?> configs)
  {
    final String clusterArn = required(configs, CLUSTER_ARN_CONFIG);
    final String policiesFile = required(configs, POLICIES_FILE_CONFIG);
    try {
      cluster = MskCluster.parse(clusterArn);
    }
    catch (IllegalArgumentException e) {
      throw new ConfigException(CLUSTER_ARN_CONFIG, clusterArn, e.getMessage());
    }
    try {
      policies = new PolicyFile(Path.of(policiesFile));
    }
    catch (IllegalArgumentException e) {
      throw new ConfigException(POLICIES_FILE_CONFIG, policiesFile, e.getMessage());
    }
  }

  private static String required(final Map<String, ?> configs, final String name)
  {
    final Object value = configs.get(name);
    if (value == null || value.toString().isBlank()) {
      throw new ConfigException(name + " must be set for " + MskIamAuthorizer.class.getSimpleName());
    }
    return value.toString().trim();
  }

  @Override
  public Map<Endpoint, ? extends CompletionStage<Void>> start(final AuthorizerServerInfo serverInfo)
  {
    // Nothing to wait for: the policies were loaded by configure, so every listener may take requests at once.
    return serverInfo.endpoints().stream().collect(
        Collectors.toMap(Function.identity(), endpoint -> CompletableFuture.<Void>completedFuture(null))
    );
  }

  @Override
  public List<AuthorizationResult> authorize(
      final AuthorizableRequestContext requestContext,
      final List<Action> actions
  )
  {
    final KafkaPrincipal principal = requestContext.principal();
    if (!isIamPrincipal(principal)) {
      return actions.stream().map(action -> AuthorizationResult.ALLOWED).toList();
    }
    final IamPolicyEvaluator evaluator = evaluatorOf(principal);
    final List<AuthorizationResult> results = new ArrayList<>(actions.size());
    for (Action action : actions) {
      results.add(authorize(principal, evaluator, action, describe(action)));
    }
    return results;
  }

  /**
   * Kafka asks this when a request needs the operation on at least one resource of a type, for example WRITE on some
   * topic for an idempotent producer's InitProducerId once IDEMPOTENT_WRITE on the cluster is denied. MSK answers it
   * as Kafka's default implementation does for an authorizer that holds no Kafka ACLs: by authorizing the operation
   * on a resource named {@value #PROBE_NAME}. So WriteData on {@code topic/NAME/UUID/*} lets an idempotent producer in
   * without WriteDataIdempotently, and WriteData on named topics does not: public reports of exactly this on MSK
   * (librdkafka issues 4446 and 4452, "MSK Serverless - kafka-console-producer error with Kafka 3.4.0 version":
   * ClusterAuthorizationException with a topic ARN, none with {@code topic/.../*}). Being exact about "some topic"
   * here would be kinder than MSK.
   */
  @Override
  public AuthorizationResult authorizeByResourceType(
      final AuthorizableRequestContext requestContext,
      final AclOperation operation,
      final ResourceType resourceType
  )
  {
    final KafkaPrincipal principal = requestContext.principal();
    if (!isIamPrincipal(principal)) {
      return AuthorizationResult.ALLOWED;
    }
    final Action probe =
        new Action(operation, new ResourcePattern(resourceType, PROBE_NAME, PatternType.LITERAL), 0, true, true);
    final String kafka = operation + " on any " + resourceType + ", asked as " + describe(probe);
    return authorize(principal, evaluatorOf(principal), probe, kafka);
  }

  private static String describe(final Action action)
  {
    final ResourcePattern resource = action.resourcePattern();
    return action.operation() + " " + resource.resourceType() + " " + resource.name();
  }

  /** @param kafka the Kafka question, for the log */
  private AuthorizationResult authorize(
      final KafkaPrincipal principal,
      final IamPolicyEvaluator evaluator,
      final Action action,
      final String kafka
  )
  {
    final ResourcePattern resource = action.resourcePattern();
    final Optional<MskAction> mskAction = resource.patternType() == PatternType.LITERAL
                                          ? MskAction.forKafka(action.operation(), resource.resourceType())
                                          : Optional.empty();
    if (mskAction.isEmpty()) {
      if (action.logIfDenied()) {
        LOG.info("DENIED {}: {}: no MSK action stands for it", principal, kafka);
      }
      return AuthorizationResult.DENIED;
    }
    final String arn = cluster.arn(mskAction.get().resourceType(), resource.name());
    final Decision decision = check(evaluator, mskAction.get(), resource.name());
    return result(principal, kafka, mskAction.get(), arn, decision, action.logIfDenied());
  }

  private static AuthorizationResult result(
      final KafkaPrincipal principal,
      final String kafka,
      final MskAction mskAction,
      final String arn,
      final Decision decision,
      final boolean logIfDenied
  )
  {
    final String asked = mskAction.iamName() + " on " + arn;
    if (decision.allowed()) {
      LOG.debug("ALLOWED {}: {} ({}): {}", principal, asked, kafka, decision.reason());
      return AuthorizationResult.ALLOWED;
    }
    final boolean askedItself = decision.action().equals(mskAction.iamName()) && arn.equals(decision.resource());
    final String failed = askedItself ? "" : " requires " + decision.action() + " on " + decision.resource() + ":";
    if (logIfDenied) {
      LOG.info("DENIED {}: {} ({}):{} {}", principal, asked, kafka, failed, decision.reason());
    } else {
      LOG.debug("DENIED {}: {} ({}):{} {}", principal, asked, kafka, failed, decision.reason());
    }
    return AuthorizationResult.DENIED;
  }

  /**
   * {@code action} and everything it requires, by resource type (see the class comment).
   *
   * @param resourceName the resource of {@code action}'s type
   * @return the first decision that denies, else the decision of {@code action} itself
   */
  private Decision check(final IamPolicyEvaluator evaluator, final MskAction action, final String resourceName)
  {
    final Map<MskResourceType, List<String>> byType = new EnumMap<>(MskResourceType.class);
    byType.computeIfAbsent(action.resourceType(), type -> new ArrayList<>()).add(action.iamName());
    for (MskAction needed : action.withRequired()) {
      if (needed != action) {
        byType.computeIfAbsent(needed.resourceType(), type -> new ArrayList<>()).add(needed.iamName());
      }
    }
    Decision own = null;
    for (MskResourceType type : ownTypeFirst(action.resourceType())) {
      final List<String> names = byType.getOrDefault(type, List.of());
      final List<Decision> decisions = new ArrayList<>();
      if (type == MskResourceType.CLUSTER || type == action.resourceType()) {
        final String arn = cluster.arn(type, resourceName);
        names.forEach(name -> decisions.add(evaluator.evaluate(name, arn)));
      } else if (!names.isEmpty()) {
        decisions.add(evaluator.evaluateOnSome(names, cluster.resourcePrefix(type), type.legalInName()));
      }
      for (Decision decision : decisions) {
        if (!decision.allowed()) {
          return decision;
        }
        if (own == null && type == action.resourceType()) {
          own = decision;
        }
      }
    }
    return own;
  }

  private static List<MskResourceType> ownTypeFirst(final MskResourceType own)
  {
    final List<MskResourceType> types = new ArrayList<>(List.of(MskResourceType.values()));
    types.remove(own);
    types.add(0, own);
    return types;
  }

  private IamPolicyEvaluator evaluatorOf(final KafkaPrincipal principal)
  {
    return IamIdentity.ofPrincipal(principal.getName())
                      .map(identity -> policies.current().getOrDefault(identity, NO_POLICIES))
                      .orElse(NO_POLICIES);
  }

  private static boolean isIamPrincipal(final KafkaPrincipal principal)
  {
    return KafkaPrincipal.USER_TYPE.equals(principal.getPrincipalType()) && principal.getName().startsWith("arn:");
  }

  @Override
  public List<? extends CompletionStage<AclCreateResult>> createAcls(
      final AuthorizableRequestContext requestContext,
      final List<AclBinding> aclBindings
  )
  {
    return refuseEach(aclBindings, AclCreateResult::new);
  }

  @Override
  public List<? extends CompletionStage<AclDeleteResult>> deleteAcls(
      final AuthorizableRequestContext requestContext,
      final List<AclBindingFilter> aclBindingFilters
  )
  {
    return refuseEach(aclBindingFilters, AclDeleteResult::new);
  }

  /** One failed result per item, carrying an error the admin client shows with its message. */
  private static <T> List<CompletableFuture<T>> refuseEach(
      final List<?> items,
      final Function<ApiException, T> failure
  )
  {
    return items.stream()
                .map(item -> CompletableFuture.completedFuture(failure.apply(new InvalidRequestException(NO_ACLS))))
                .toList();
  }

  @Override
  public Iterable<AclBinding> acls(final AclBindingFilter filter)
  {
    return List.of();
  }

  @Override
  public void close()
  {
    // Holds no thread, file handle or connection.
  }
}
