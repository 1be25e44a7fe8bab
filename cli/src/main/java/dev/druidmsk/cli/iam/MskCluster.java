package dev.druidmsk.cli.iam;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An MSK cluster ARN, and the topic and group ARNs MSK's IAM access control derives from it. */
public final class MskCluster
{
  private static final Pattern CLUSTER_ARN = Pattern.compile(
      "arn:(aws|aws-cn|aws-us-gov):kafka:([a-z]{2}(?:-[a-z]+)+-[0-9]):([0-9]{12}):cluster/([A-Za-z0-9-]{1,64})/([A-Za-z0-9-]{1,64})"
  );
  private static final String EXAMPLE = "arn:aws:kafka:eu-west-1:123456789012:cluster/api-telemetry/"
                                        + "0f3a1b2c-1234-4d5e-8f90-0a1b2c3d4e5f-3";

  private final String arn;
  private final String partition;
  private final String region;
  private final String account;
  private final String name;
  private final String uuid;

  private MskCluster(Matcher matcher)
  {
    this.arn = matcher.group(0);
    this.partition = matcher.group(1);
    this.region = matcher.group(2);
    this.account = matcher.group(3);
    this.name = matcher.group(4);
    this.uuid = matcher.group(5);
  }

  public static MskCluster parse(String arn)
  {
    final Matcher matcher = CLUSTER_ARN.matcher(arn);
    if (!matcher.matches()) {
      throw new PolicyException(
          "--cluster-arn must be an MSK cluster ARN arn:<partition>:kafka:<region>:<account>:cluster/<name>/<uuid>, "
          + "e.g. " + EXAMPLE + " (aws kafka list-clusters-v2 shows it)."
      );
    }
    return new MskCluster(matcher);
  }

  public String arn()
  {
    return arn;
  }

  public String region()
  {
    return region;
  }

  /** A topic name, or a topic ARN pattern with `*`. */
  String topicArn(String topic)
  {
    return resourceArn("topic", topic);
  }

  String groupArn(String group)
  {
    return resourceArn("group", group);
  }

  private String resourceArn(String type, String resource)
  {
    return "arn:" + partition + ":kafka:" + region + ":" + account + ":" + type + "/" + name + "/" + uuid + "/" + resource;
  }
}
