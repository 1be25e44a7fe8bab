package dev.druidmsk.cli.policy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.common.AtomicFiles;
import dev.druidmsk.cli.common.BuildInfo;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.common.CliException;
import dev.druidmsk.cli.common.ContextMixin;
import dev.druidmsk.cli.common.Json;
import dev.druidmsk.cli.common.JsonFlag;
import dev.druidmsk.cli.iam.IamPolicies;
import dev.druidmsk.cli.iam.MskCluster;
import dev.druidmsk.cli.iam.ReaderRole;
import dev.druidmsk.cli.input.SpecSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** `druid-msk policy`: the reader role's permissions and trust policies for a spec. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = {
        "Print the least-privilege IAM permissions and trust policies of the reader role of an MSK-IAM spec.",
        "",
        "The role is the one the spec's aws-msk-iam provider assumes (roleArn). Its permissions:",
        "  kafka-cluster:Connect on the cluster - every MSK IAM client signs it in the SASL handshake;",
        "  kafka-cluster:DescribeTopic on the topic - metadata and offset lookups (partitions, lag, start offsets);",
        "  kafka-cluster:ReadData on the topic - the tasks' fetches;",
        "  kafka-cluster:DescribeGroup + AlterGroup on Druid's consumer groups kafka-supervisor-* (or the spec's "
        + "group.id) - MSK requires them for ReadData, though Druid's consumers make no group request;",
        "and the trust policy letting --trusted-principal assume the role only with the spec's external ID.",
        "",
        "The external ID is a secret: stdout shows it as ******. --output-dir writes permissions-policy.json and "
        + "trust-policy.json (readable by you only) with the real value, for `aws iam create-role` / `put-role-policy`.",
        "Exit code: 0 done, 2 bad input (nothing written)."
    }
)
public final class PolicyCommand implements Runnable
{
  @Mixin
  private ContextMixin run;

  @Mixin
  private SpecSource source;

  @Option(names = "--cluster-arn", required = true, paramLabel = "ARN", description = "The MSK cluster ARN.")
  private String clusterArn;

  @Option(
      names = "--trusted-principal",
      required = true,
      paramLabel = "ARN",
      description = "Who assumes the reader role: the IAM role of the Druid nodes (or their account root)."
  )
  private String trustedPrincipal;

  @Option(
      names = "--external-id-file",
      paramLabel = "FILE",
      description = "The external ID (first line), if the spec does not carry it."
  )
  private Path externalIdFile;

  @Option(names = "--output-dir", paramLabel = "DIR", description = "Also write both policies here, unmasked.")
  private Path outputDir;

  @Override
  public void run()
  {
    final CliContext context = run.context();
    final MskCluster cluster = MskCluster.parse(clusterArn);
    final ReaderRole role = ReaderRole.of(source.load(context));
    if (role.brokerRegion() != null && !role.brokerRegion().equals(cluster.region())) {
      throw new CliException(
          "bootstrap.servers points at MSK in " + role.brokerRegion() + " but --cluster-arn is in " + cluster.region()
          + ": give the ARN of the cluster the spec reads from."
      );
    }
    final String externalId = externalId(role, context);
    final ObjectNode permissions = IamPolicies.permissions(cluster, role);
    final ObjectNode trust = IamPolicies.trust(trustedPrincipal, externalId);
    if (outputDir != null) {
      write(outputDir.resolve("permissions-policy.json"), permissions);
      write(outputDir.resolve("trust-policy.json"), trust);
      context.note("Wrote permissions-policy.json and trust-policy.json to " + outputDir + ".");
    }
    final ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("roleArn", role.roleArn());
    result.set("permissionsPolicy", permissions);
    result.set("trustPolicy", trust);
    JsonFlag.print(context, result);
  }

  private String externalId(ReaderRole role, CliContext context)
  {
    if (externalIdFile == null) {
      if (role.externalId() == null) {
        throw new CliException(
            "No external ID: set externalId in the spec's aws-msk-iam provider, or pass --external-id-file FILE. "
            + "A cross-account reader role should only be assumable with it."
        );
      }
      return role.externalId();
    }
    try {
      final String externalId = Files.readString(externalIdFile, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
      if (externalId.isEmpty()) {
        throw new CliException("--external-id-file " + externalIdFile + " is empty: write the external ID on its first line.");
      }
      context.redactor().register(externalId);
      if (role.externalId() != null && !role.externalId().equals(externalId)) {
        throw new CliException(
            "--external-id-file differs from the spec's externalId: Druid would send the spec's, so the role "
            + "could not be assumed. Drop --external-id-file or fix the spec."
        );
      }
      return externalId;
    }
    catch (IOException e) {
      throw new CliException("Cannot read --external-id-file " + externalIdFile + " (" + e.getClass().getSimpleName() + ").");
    }
  }

  private static void write(Path file, ObjectNode policy)
  {
    try {
      AtomicFiles.write(file, Json.pretty(policy) + "\n");
    }
    catch (IOException e) {
      throw new CliException("Cannot write " + file + " (" + e.getClass().getSimpleName() + "): check --output-dir.");
    }
  }
}
