package dev.druidmsk.iam;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultSessionNameTest
{
  @Test
  void prefixesTheHostName()
  {
    assertThat(DefaultSessionName.forHost("ip-10-0-1-17.ec2.internal")).isEqualTo("druid-ip-10-0-1-17.ec2.internal");
  }

  @Test
  void replacesCharactersStsRejects()
  {
    assertThat(DefaultSessionName.forHost("node 1:8091/x")).isEqualTo("druid-node-1-8091-x");
  }

  @Test
  void truncatesToStsLimit()
  {
    assertThat(DefaultSessionName.forHost("h".repeat(100))).hasSize(64).startsWith("druid-hhh");
  }

  @Test
  void unknownHostStillGivesAValidName()
  {
    assertThat(DefaultSessionName.forHost(null)).isEqualTo("druid-node");
  }

  @Test
  void isStableForTheSameNode()
  {
    assertThat(DefaultSessionName.forThisNode()).isEqualTo(DefaultSessionName.forThisNode())
                                                 .matches("druid-[A-Za-z0-9+=,.@_-]{1,58}");
  }
}
