package dev.druidmsk.localmsk.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.druidmsk.localmsk.iam.PrivateFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A local OpenID Connect issuer, as EKS's is for IRSA: it signs service-account tokens (RS256 JWTs with issuer,
 * subject, audience and expiry), and the local STS trusts it as the IAM OIDC provider
 * {@code arn:aws:iam::ACCOUNT:oidc-provider/<issuer host and path>} for AssumeRoleWithWebIdentity.
 */
public final class LocalOidcIssuer
{
  /** The audience EKS projects into service-account tokens for IRSA, and the one STS requires. */
  public static final String STS_AUDIENCE = "sts.amazonaws.com";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

  private final String issuer;
  private final KeyPair keys;
  private final Clock clock;

  private LocalOidcIssuer(final String issuer, final KeyPair keys, final Clock clock)
  {
    this.issuer = issuer;
    this.keys = keys;
    this.clock = clock;
  }

  /** An issuer named {@code https://<hostAndPath>} with a fresh RSA key. */
  public static LocalOidcIssuer create(final String hostAndPath)
  {
    try {
      final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return new LocalOidcIssuer("https://" + hostAndPath, generator.generateKeyPair(), Clock.systemUTC());
    }
    catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JVM cannot make RSA keys", e);
    }
  }

  /** The {@code iss} claim of its tokens. */
  public String issuer()
  {
    return issuer;
  }

  /** The ARN of the IAM OIDC provider for this issuer in {@code account}: what a role's trust policy names. */
  public String providerArn(final String account)
  {
    return "arn:aws:iam::" + account + ":oidc-provider/" + issuer.substring("https://".length());
  }

  /** A token for {@code subject} (e.g. {@code system:serviceaccount:druid:druid}) with STS's audience. */
  public String token(final String subject, final Duration lifetime)
  {
    return token(subject, STS_AUDIENCE, clock.instant().plus(lifetime));
  }

  /** Any token, including ones STS must refuse (wrong audience, expired). */
  public String token(final String subject, final String audience, final Instant expiry)
  {
    final Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("sub", subject);
    claims.put("aud", audience);
    claims.put("iat", clock.instant().getEpochSecond());
    claims.put("exp", expiry.getEpochSecond());
    final String signingInput = part(Map.of("alg", "RS256", "typ", "JWT", "kid", "local")) + '.' + part(claims);
    return signingInput + '.' + URL.encodeToString(sign(signingInput));
  }

  /** Writes a token to {@code file} (mode 0600), as EKS projects it into a pod. */
  public void writeToken(final Path file, final String subject, final Duration lifetime) throws IOException
  {
    PrivateFiles.replaceAtomically(file, token(subject, lifetime));
  }

  /** The token's claims, if this issuer signed it; STS checks issuer, audience and expiry itself. */
  JsonNode verifiedClaims(final String token) throws StsFault
  {
    final String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw invalid("The ID token is not a JWT");
    }
    try {
      final JsonNode header = JSON.readTree(URL_DECODER.decode(parts[0]));
      final Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(keys.getPublic());
      verifier.update((parts[0] + '.' + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!"RS256".equals(header.path("alg").asText()) || !verifier.verify(URL_DECODER.decode(parts[2]))) {
        throw invalid("Incorrect token signature");
      }
      return JSON.readTree(URL_DECODER.decode(parts[1]));
    }
    catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
      throw invalid("The ID token could not be parsed");
    }
  }

  private static StsFault invalid(final String message)
  {
    return new StsFault(400, "InvalidIdentityToken", message);
  }

  private byte[] sign(final String signingInput)
  {
    try {
      final Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(keys.getPrivate());
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signer.sign();
    }
    catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign with RS256", e);
    }
  }

  private static String part(final Map<String, ?> json)
  {
    try {
      return URL.encodeToString(JSON.writeValueAsBytes(json));
    }
    catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
