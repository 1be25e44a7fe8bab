package dev.druidmsk.localmsk.iam;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Issues and verifies the local STS's temporary credentials without shared state: the secret key is
 * HMAC(master key, access key id) and the session token carries the access key id, the assumed-role ARN and the
 * expiry, signed with the master key. Whoever holds the master key (the STS, the broker) can check any of them.
 */
public final class SessionCredentialAuthority
{
  // No dot in it: the token's parts are split on dots.
  private static final String TOKEN_PREFIX = FakeSecrets.marked("-DMSK1");
  private static final int MASTER_KEY_BYTES = 32;
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final Base64.Encoder TOKEN_ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder TOKEN_DECODER = Base64.getUrlDecoder();

  private final byte[] masterKey;
  private final SecureRandom random = new SecureRandom();

  private SessionCredentialAuthority(final byte[] masterKey)
  {
    this.masterKey = masterKey.clone();
  }

  public static SessionCredentialAuthority withNewMasterKey()
  {
    final byte[] key = new byte[MASTER_KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return new SessionCredentialAuthority(key);
  }

  /** Reads a master key written by {@link #writeMasterKey(Path)}. */
  public static SessionCredentialAuthority fromMasterKeyFile(final Path file) throws IOException
  {
    final String hex = Files.readString(file, StandardCharsets.US_ASCII).trim();
    final byte[] key;
    try {
      key = HexFormat.of().parseHex(hex);
    }
    catch (IllegalArgumentException e) {
      throw new IOException("Master key file " + file + " does not hold a hex key; rewrite it with the local STS", e);
    }
    if (key.length != MASTER_KEY_BYTES) {
      throw new IOException("Master key file " + file + " holds " + key.length + " bytes; expected " + MASTER_KEY_BYTES);
    }
    return new SessionCredentialAuthority(key);
  }

  /** Writes the master key, readable by the owner only, for the broker process to load. */
  public void writeMasterKey(final Path file) throws IOException
  {
    PrivateFiles.write(file, HexFormat.of().formatHex(masterKey));
  }

  /**
   * New credentials of a role session, expiring at {@code expiration} to the whole second, as AWS's do: the client
   * (which reads the expiry from the STS answer) and the broker (from the token) then agree on it exactly.
   */
  public IssuedCredentials issue(final String assumedRoleArn, final Instant requestedExpiration)
  {
    final Instant expiration = requestedExpiration.truncatedTo(ChronoUnit.SECONDS);
    final String accessKeyId = "ASIA" + randomBase32(16);
    final String claims = accessKeyId + '\n' + assumedRoleArn + '\n' + expiration.getEpochSecond();
    final String encodedClaims = TOKEN_ENCODER.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    final String token = TOKEN_PREFIX + '.' + encodedClaims + '.' + tokenMac(encodedClaims);
    return new IssuedCredentials(accessKeyId, secretFor(accessKeyId), token, assumedRoleArn, expiration);
  }

  /** Checks that the token was issued by this authority for this access key, and has not expired at {@code now}. */
  public VerifiedSession verify(final String accessKeyId, final String sessionToken, final Instant now)
      throws CredentialRejectedException
  {
    final String[] parts = sessionToken.split("\\.", -1);
    if (parts.length != 3 || !TOKEN_PREFIX.equals(parts[0]) || !sameText(tokenMac(parts[1]), parts[2])) {
      throw notIssued(accessKeyId);
    }
    final String[] claims;
    try {
      claims = new String(TOKEN_DECODER.decode(parts[1]), StandardCharsets.UTF_8).split("\n", -1);
    }
    catch (IllegalArgumentException e) {
      throw notIssued(accessKeyId);
    }
    if (claims.length != 3 || !claims[0].equals(accessKeyId)) {
      throw notIssued(accessKeyId);
    }
    final Instant expiration = Instant.ofEpochSecond(Long.parseLong(claims[2]));
    if (!now.isBefore(expiration)) {
      throw new CredentialRejectedException(
          "The session of access key " + accessKeyId + " (" + claims[1] + ") expired at " + expiration,
          true
      );
    }
    return new VerifiedSession(accessKeyId, claims[1], expiration);
  }

  /** The secret key of an access key id this authority issued. */
  public String secretFor(final String accessKeyId)
  {
    final byte[] mac = SigV4.hmac(masterKey, "secret\n" + accessKeyId);
    return FakeSecrets.marked(Base64.getEncoder().encodeToString(mac).substring(0, 40));
  }

  private String tokenMac(final String encodedClaims)
  {
    return TOKEN_ENCODER.encodeToString(SigV4.hmac(masterKey, "token\n" + encodedClaims));
  }

  private static boolean sameText(final String expected, final String actual)
  {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
  }

  private static CredentialRejectedException notIssued(final String accessKeyId)
  {
    return new CredentialRejectedException(
        "Access key " + accessKeyId + " and its session token were not issued by the local STS",
        false
    );
  }

  private String randomBase32(final int length)
  {
    final StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(BASE32.charAt(random.nextInt(BASE32.length())));
    }
    return text.toString();
  }
}
