package dev.druidmsk.localmsk.authz;

import dev.druidmsk.localmsk.authz.IamIdentity.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IamIdentityTest
{
  @Test
  void assumedRoleSessionIsItsRole()
  {
    assertThat(IamIdentity.ofPrincipal("arn:aws:sts::123456789012:assumed-role/druid-reader/druid"))
        .contains(new IamIdentity("123456789012", Kind.ROLE, "druid-reader"));
  }

  @Test
  void roleArnWithPathIsTheSameRoleAsItsSessions()
  {
    assertThat(IamIdentity.ofRoleOrUserArn("arn:aws:iam::123456789012:role/teams/data/druid-reader"))
        .isEqualTo(IamIdentity.ofPrincipal("arn:aws:sts::123456789012:assumed-role/druid-reader/s1").orElseThrow());
  }

  @Test
  void userArnIsThatUser()
  {
    assertThat(IamIdentity.ofPrincipal("arn:aws:iam::123456789012:user/alice"))
        .contains(new IamIdentity("123456789012", Kind.USER, "alice"));
    assertThat(IamIdentity.ofRoleOrUserArn("arn:aws:iam::123456789012:user/alice"))
        .isEqualTo(new IamIdentity("123456789012", Kind.USER, "alice"));
  }

  @Test
  void sameRoleNameInAnotherAccountIsAnotherIdentity()
  {
    assertThat(IamIdentity.ofPrincipal("arn:aws:sts::210987654321:assumed-role/druid-reader/druid"))
        .isNotEqualTo(IamIdentity.ofPrincipal("arn:aws:sts::123456789012:assumed-role/druid-reader/druid"));
  }

  @Test
  void roleArnIsNoPrincipal()
  {
    // Sessions of a role authenticate; the role ARN itself never arrives as a principal.
    assertThat(IamIdentity.ofPrincipal("arn:aws:iam::123456789012:role/druid-reader")).isEmpty();
  }

  @Test
  void policyKeyMustBeARoleOrUserArn()
  {
    assertThatThrownBy(() -> IamIdentity.ofRoleOrUserArn("arn:aws:sts::123456789012:assumed-role/r/s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a role or user ARN (arn:aws:iam::ACCOUNT:role/NAME");
  }
}
