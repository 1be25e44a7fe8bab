package dev.druidmsk.probe.kafka;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Which base identity a node was given, read from the settings the AWS SDK's default chain reads (system property
 * first, then environment, as the SDK does): EKS IRSA (a web identity token file and a role), EKS Pod Identity or an
 * ECS task role (container credentials), or neither. Paths and URIs are shown; tokens never are.
 */
final class BaseIdentities
{
  static final String WEB_IDENTITY = "EKS IRSA web identity (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)";

  private BaseIdentities()
  {
  }

  static Configured configured()
  {
    return new Configured(
        setting("aws.webIdentityTokenFile", "AWS_WEB_IDENTITY_TOKEN_FILE"),
        setting("aws.roleArn", "AWS_ROLE_ARN"),
        setting("aws.containerCredentialsFullUri", "AWS_CONTAINER_CREDENTIALS_FULL_URI"),
        setting("aws.containerCredentialsPath", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"),
        setting("aws.containerAuthorizationTokenFile", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")
    );
  }

  /** The STS error inside a credential provider's failure, if STS answered; else the failure itself. */
  static Exception stsCause(Exception e)
  {
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof AwsServiceException) {
        return (AwsServiceException) cause;
      }
    }
    return e;
  }

  private static String setting(String property, String variable)
  {
    final String value = System.getProperty(property);
    if (value != null && !value.isEmpty()) {
      return value;
    }
    final String env = System.getenv(variable);
    return env == null || env.isEmpty() ? null : env;
  }

  static final class Configured
  {
    private final String webIdentityTokenFile;
    private final String roleArn;
    private final String containerFullUri;
    private final String containerRelativeUri;
    private final String containerTokenFile;

    private Configured(
        String webIdentityTokenFile,
        String roleArn,
        String containerFullUri,
        String containerRelativeUri,
        String containerTokenFile
    )
    {
      this.webIdentityTokenFile = webIdentityTokenFile;
      this.roleArn = roleArn;
      this.containerFullUri = containerFullUri;
      this.containerRelativeUri = containerRelativeUri;
      this.containerTokenFile = containerTokenFile;
    }

    boolean webIdentity()
    {
      return webIdentityTokenFile != null;
    }

    String containerKind()
    {
      if (containerFullUri != null && containerTokenFile != null) {
        return "EKS Pod Identity (AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE)";
      }
      if (containerRelativeUri != null) {
        return "ECS task role (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI)";
      }
      return "container credentials (ECS task role, EKS Pod Identity)";
    }

    List<String> evidence()
    {
      final List<String> lines = new ArrayList<>();
      if (webIdentityTokenFile != null) {
        lines.add("IRSA configured: web identity token file " + webIdentityTokenFile + ", role " + roleArn);
      }
      if (containerFullUri != null) {
        lines.add("container credentials endpoint " + containerFullUri
                  + (containerTokenFile == null ? "" : ", authorization token file " + containerTokenFile));
      }
      return lines;
    }

    /** What is wrong when the chain's {@code link} is a configured identity whose token file is missing, or null. */
    String missingTokenFile(String link)
    {
      if (WEB_IDENTITY.equals(link) && webIdentityTokenFile != null && !readable(webIdentityTokenFile)) {
        return "EKS IRSA is configured but its web identity token file " + webIdentityTokenFile
               + " is missing or unreadable, so this node has no IRSA identity";
      }
      if (containerKind().equals(link) && containerFullUri != null && containerTokenFile != null
          && !readable(containerTokenFile)) {
        return "EKS Pod Identity is configured but its authorization token file " + containerTokenFile
               + " is missing or unreadable, so this node has no Pod Identity";
      }
      return null;
    }

    String tokenFileFix()
    {
      return webIdentityTokenFile != null && !readable(webIdentityTokenFile)
             ? "the token is a projected service-account token mounted by EKS when the pod starts: annotate the pod's "
               + "service account with eks.amazonaws.com/role-arn, restart the pod (the mount is added at pod "
               + "creation), and keep the volume mount if the manifest overrides volumes; the Druid user (uid 1000) "
               + "must be able to read it"
             : "the EKS Pod Identity agent's token is mounted when the pod starts: create the pod identity association "
               + "for the pod's service account, run the eks-pod-identity-agent add-on, and restart the pod";
    }

    private static boolean readable(String file)
    {
      final Path path = Paths.get(file);
      return Files.isRegularFile(path) && Files.isReadable(path);
    }
  }
}
