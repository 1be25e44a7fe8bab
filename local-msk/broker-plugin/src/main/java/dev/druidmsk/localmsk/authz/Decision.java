package dev.druidmsk.localmsk.authz;

/**
 * The outcome of evaluating one action on one resource against a principal's policies, with the statement that decided
 * it: the first matching Deny, else the first matching Allow, else none (IAM's implicit deny).
 *
 * @param resource the resource evaluated; for a question about "some resource" the one found, if any
 * @param statement null when no statement matched
 */
record Decision(boolean allowed, String action, String resource, StatementRef statement)
{
  /** A statement of a principal's policies: the policy's place in the principal's list and the statement's place. */
  record StatementRef(int policy, int statement, String sid, IamPolicy.Effect effect)
  {
    @Override
    public String toString()
    {
      return "policy " + policy + " statement " + statement + (sid.isEmpty() ? "" : " (Sid " + sid + ")")
             + " " + (effect == IamPolicy.Effect.ALLOW ? "Allow" : "Deny");
    }
  }

  /** For the log: which statement decided, or that none allows the action. */
  String reason()
  {
    return statement == null ? "no statement allows it" : "decided by " + statement;
  }
}
