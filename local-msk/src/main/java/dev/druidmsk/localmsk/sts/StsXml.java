package dev.druidmsk.localmsk.sts;

import dev.druidmsk.localmsk.iam.IssuedCredentials;

import java.time.format.DateTimeFormatter;

/** The XML bodies of the STS Query API (version 2011-06-15), as the AWS SDKs parse them. */
final class StsXml
{
  private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

  private StsXml()
  {
  }

  static String assumeRole(
      final IssuedCredentials credentials,
      final String assumedRoleId,
      final String requestId
  )
  {
    return "<AssumeRoleResponse xmlns=\"" + NAMESPACE + "\">"
           + "<AssumeRoleResult>"
           + assumedRoleUserAndCredentials(credentials, assumedRoleId)
           + "</AssumeRoleResult>"
           + metadata(requestId)
           + "</AssumeRoleResponse>";
  }

  private static String assumedRoleUserAndCredentials(final IssuedCredentials credentials, final String assumedRoleId)
  {
    return "<AssumedRoleUser>"
           + element("AssumedRoleId", assumedRoleId)
           + element("Arn", credentials.assumedRoleArn())
           + "</AssumedRoleUser>"
           + "<Credentials>"
           + element("AccessKeyId", credentials.accessKeyId())
           + element("SecretAccessKey", credentials.secretAccessKey())
           + element("SessionToken", credentials.sessionToken())
           + element("Expiration", DateTimeFormatter.ISO_INSTANT.format(credentials.expiration()))
           + "</Credentials>";
  }

  static String assumeRoleWithWebIdentity(
      final IssuedCredentials credentials,
      final String assumedRoleId,
      final String subject,
      final String provider,
      final String requestId
  )
  {
    return "<AssumeRoleWithWebIdentityResponse xmlns=\"" + NAMESPACE + "\">"
           + "<AssumeRoleWithWebIdentityResult>"
           + element("SubjectFromWebIdentityToken", subject)
           + element("Audience", LocalOidcIssuer.STS_AUDIENCE)
           + assumedRoleUserAndCredentials(credentials, assumedRoleId)
           + element("Provider", provider)
           + "</AssumeRoleWithWebIdentityResult>"
           + metadata(requestId)
           + "</AssumeRoleWithWebIdentityResponse>";
  }

  static String getCallerIdentity(final Caller caller, final String requestId)
  {
    return "<GetCallerIdentityResponse xmlns=\"" + NAMESPACE + "\">"
           + "<GetCallerIdentityResult>"
           + element("Arn", caller.arn())
           + element("UserId", caller.userId())
           + element("Account", caller.account())
           + "</GetCallerIdentityResult>"
           + metadata(requestId)
           + "</GetCallerIdentityResponse>";
  }

  static String error(final String type, final String code, final String message, final String requestId)
  {
    return "<ErrorResponse xmlns=\"" + NAMESPACE + "\">"
           + "<Error>" + element("Type", type) + element("Code", code) + element("Message", message) + "</Error>"
           + element("RequestId", requestId)
           + "</ErrorResponse>";
  }

  private static String metadata(final String requestId)
  {
    return "<ResponseMetadata>" + element("RequestId", requestId) + "</ResponseMetadata>";
  }

  private static String element(final String name, final String value)
  {
    return '<' + name + '>' + escape(value) + "</" + name + '>';
  }

  private static String escape(final String value)
  {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
