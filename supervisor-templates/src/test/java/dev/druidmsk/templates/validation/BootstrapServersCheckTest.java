package dev.druidmsk.templates.validation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BootstrapServersCheckTest
{
  private static final String MSK = "b-1.demo.abc123.c2.kafka.us-east-1.amazonaws.com";
  private static final String IAM = "'druid.dynamic.config.provider': {'type': 'aws-msk-iam'}";
  private static final String PATH = "$.spec.ioConfig.consumerProperties[\"bootstrap.servers\"]";

  private static List<Problem> check(String consumerProperties)
  {
    final List<Problem> problems = new ArrayList<>();
    BootstrapServersCheck.check(Specs.kafka("{'consumerProperties': " + consumerProperties + "}", "{}"), problems);
    return problems;
  }

  @Test
  void iamOnTheIamPortsPasses()
  {
    assertThat(check("{'bootstrap.servers': '" + MSK + ":9098," + MSK + ":9198', " + IAM + "}")).isEmpty();
  }

  @Test
  void aMissingBootstrapServersIsAnErrorAtItsPath()
  {
    assertThat(check("{" + IAM + "}")).singleElement().satisfies(problem -> {
      assertThat(problem.severity()).isEqualTo(Severity.ERROR);
      assertThat(problem.jsonPath()).isEqualTo(PATH);
      assertThat(problem.message()).contains("Druid requires it literally");
    });
  }

  @Test
  void aBootstrapServersThatIsNotTextIsAnError()
  {
    assertThat(check("{'bootstrap.servers': ['a:9098']}")).extracting(Problem::jsonPath).containsExactly(PATH);
  }

  @Test
  void iamOnMsksPlaintextPortIsAnErrorNamingTheIamPorts()
  {
    assertThat(check("{'bootstrap.servers': '" + MSK + ":9092', " + IAM + "}")).singleElement().satisfies(p -> {
      assertThat(p.severity()).isEqualTo(Severity.ERROR);
      assertThat(p.jsonPath()).isEqualTo(PATH);
      assertThat(p.message()).contains("port 9092", "plaintext listener", "9098 (inside the VPC) or 9198");
      assertThat(p.fix()).contains("BootstrapBrokerStringSaslIam");
    });
  }

  @Test
  void iamOnTheScramPortIsAnError()
  {
    assertThat(check("{'bootstrap.servers': '" + MSK + ":9096', " + IAM + "}"))
        .extracting(Problem::message)
        .singleElement()
        .asString()
        .contains("SASL/SCRAM listener");
  }

  @Test
  void aMskPortMismatchOnAnotherHostIsOnlyAWarning()
  {
    assertThat(check("{'bootstrap.servers': 'kafka.internal:9094', " + IAM + "}"))
        .extracting(Problem::severity)
        .containsExactly(Severity.WARNING);
  }

  @Test
  void aNonMskPortOnAnotherHostIsFine()
  {
    assertThat(check("{'bootstrap.servers': 'localhost:19092', " + IAM + "}")).isEmpty();
  }

  @Test
  void anUnknownPortOnAnMskHostIsAnError()
  {
    assertThat(check("{'bootstrap.servers': '" + MSK + ":9099', " + IAM + "}"))
        .extracting(Problem::message)
        .singleElement()
        .asString()
        .contains("not an MSK listener port");
  }

  @Test
  void tlsWithoutSaslBelongsOnPort9094()
  {
    assertThat(check("{'bootstrap.servers': '" + MSK + ":9094', 'security.protocol': 'SSL'}")).isEmpty();
    assertThat(check("{'bootstrap.servers': '" + MSK + ":9098', 'security.protocol': 'SSL'}"))
        .extracting(Problem::message)
        .singleElement()
        .asString()
        .contains("authenticates with TLS");
  }

  @Test
  void plaintextIsTheDefaultProtocol()
  {
    assertThat(check("{'bootstrap.servers': '" + MSK + ":9092'}")).isEmpty();
  }

  @Test
  void portsAreNotCheckedWhenAnotherConfigProviderDecidesTheAuthentication()
  {
    assertThat(check("{'bootstrap.servers': '" + MSK + ":9092', 'druid.dynamic.config.provider': "
                     + "{'type': 'environment', 'variables': {}}}")).isEmpty();
  }

  @Test
  void anEntryWithoutPortIsAnError()
  {
    assertThat(check("{'bootstrap.servers': '" + MSK + "', " + IAM + "}"))
        .extracting(Problem::message)
        .singleElement()
        .asString()
        .contains("is not host:port");
  }

  @Test
  void iamOverPlaintextToMskIsAnErrorAtTheProvidersProtocol()
  {
    final String provider = "'druid.dynamic.config.provider': {'type': 'aws-msk-iam', 'securityProtocol': "
                            + "'SASL_PLAINTEXT'}";

    assertThat(check("{'bootstrap.servers': '" + MSK + ":9098', " + provider + "}"))
        .extracting(Problem::jsonPath)
        .containsExactly(
            "$.spec.ioConfig.consumerProperties[\"druid.dynamic.config.provider\"].securityProtocol"
        );
  }
}
