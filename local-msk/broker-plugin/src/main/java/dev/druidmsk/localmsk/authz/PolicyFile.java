package dev.druidmsk.localmsk.authz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The policies of every role and user, from a JSON file {@code {"roles": {"<role or user ARN>": [<policy>, ...]}}},
 * re-read whenever its modification time or size changes, so that a test can change a role's policies while the
 * broker runs (on AWS a policy change takes effect within about a minute). A file that cannot be read or is invalid
 * leaves the last good policies in force and is logged; at start there is no last good state, so it is an error.
 */
public final class PolicyFile
{
  private static final Logger LOG = LoggerFactory.getLogger("dev.druidmsk.localmsk.authz");

  private final Path path;
  private volatile Loaded loaded;

  PolicyFile(final Path path)
  {
    this.path = path;
    final Stamp stamp;
    try {
      stamp = Stamp.of(path);
      this.loaded = new Loaded(stamp, parse(Files.readString(path, StandardCharsets.UTF_8)));
    }
    catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot load the IAM policies file " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks a policies file's content as the broker will at start.
   *
   * @throws IllegalArgumentException naming the role and policy at fault
   */
  public static void validate(final String fileJson)
  {
    parse(fileJson);
  }

  /**
   * Checks one IAM policy document, for example the file of a {@code --policy ROLE_ARN=FILE} option.
   *
   * @throws IllegalArgumentException naming what is wrong in it
   */
  public static void validatePolicy(final String policyJson)
  {
    IamPolicy.parse(policyJson);
  }

  /** The evaluator of every identity, after re-reading the file if it changed since the last call. */
  Map<IamIdentity, IamPolicyEvaluator> current()
  {
    Stamp stamp;
    try {
      stamp = Stamp.of(path);
    }
    catch (IOException e) {
      stamp = Stamp.UNREADABLE;
    }
    Loaded now = loaded;
    if (!stamp.equals(now.stamp)) {
      synchronized (this) {
        now = loaded;
        if (!stamp.equals(now.stamp)) {
          now = reload(stamp, now);
          loaded = now;
        }
      }
    }
    return now.evaluators;
  }

  private Loaded reload(final Stamp stamp, final Loaded previous)
  {
    try {
      final Map<IamIdentity, IamPolicyEvaluator> evaluators = parse(Files.readString(path, StandardCharsets.UTF_8));
      LOG.info("Reloaded IAM policies from {}: {} roles and users", path, evaluators.size());
      return new Loaded(stamp, evaluators);
    }
    catch (IOException | IllegalArgumentException e) {
      LOG.warn("Keeping the previous IAM policies: cannot load {}: {}", path, e.getMessage());
      // Remembering the stamp logs a broken file once, not on every request, until it changes again.
      return new Loaded(stamp, previous.evaluators);
    }
  }

  static Map<IamIdentity, IamPolicyEvaluator> parse(final String fileJson)
  {
    final JsonNode root;
    try {
      root = IamPolicy.JSON.readTree(fileJson);
    }
    catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject() || root.size() != 1 || !root.path("roles").isObject()) {
      throw new IllegalArgumentException(
          "expected {\"roles\": {\"<role or user ARN>\": [<IAM policy document>, ...]}}"
      );
    }
    final Map<IamIdentity, IamPolicyEvaluator> evaluators = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.get("roles").fields(); it.hasNext(); ) {
      final Map.Entry<String, JsonNode> role = it.next();
      final IamIdentity identity = IamIdentity.ofRoleOrUserArn(role.getKey());
      if (!role.getValue().isArray()) {
        throw new IllegalArgumentException(role.getKey() + ": expected an array of IAM policy documents");
      }
      final List<IamPolicy> policies = new ArrayList<>();
      for (JsonNode document : role.getValue()) {
        try {
          policies.add(IamPolicy.fromTree(document));
        }
        catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(role.getKey() + " policy " + policies.size() + ": " + e.getMessage(), e);
        }
      }
      if (evaluators.put(identity, new IamPolicyEvaluator(policies)) != null) {
        throw new IllegalArgumentException(role.getKey() + ": this role or user is listed twice (paths aside)");
      }
    }
    return Map.copyOf(evaluators);
  }

  /** What tells a changed file: modification time and size. */
  private record Stamp(long modifiedNanos, long size)
  {
    static final Stamp UNREADABLE = new Stamp(-1, -1);

    static Stamp of(final Path path) throws IOException
    {
      final BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      return new Stamp(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), attributes.size());
    }
  }

  private record Loaded(Stamp stamp, Map<IamIdentity, IamPolicyEvaluator> evaluators)
  {
  }
}
