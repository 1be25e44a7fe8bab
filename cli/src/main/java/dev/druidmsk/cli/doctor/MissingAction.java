package dev.druidmsk.cli.doctor;

import dev.druidmsk.cli.iam.ReaderStatement;

/**
 * The fix for a Kafka request MSK refused: the action the role lacks, and the statement of druid-msk's reader policy
 * that grants it, so that the doctor and {@code druid-msk policy} cannot disagree.
 */
final class MissingAction
{
  static final String POLICY_COMMAND =
      "druid-msk policy --spec SPEC --cluster-arn CLUSTER_ARN --trusted-principal NODE_ROLE_ARN";

  private MissingAction()
  {
  }

  static String fix(String action)
  {
    return ReaderStatement.granting(action)
                          .map(statement -> "grant the role " + action + " on " + statement.resource() + ": statement "
                                            + statement.sid() + " of druid-msk's reader policy; `" + POLICY_COMMAND
                                            + "` prints the policy to attach")
                          .orElse("grant the role " + action + "; `" + POLICY_COMMAND
                                  + "` prints the reader policy to attach");
  }
}
