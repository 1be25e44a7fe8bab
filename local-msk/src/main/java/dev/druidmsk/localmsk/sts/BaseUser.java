package dev.druidmsk.localmsk.sts;

import java.util.Objects;
import java.util.regex.Pattern;

/** Long-term credentials the local STS accepts, and the IAM principal they belong to. */
public record BaseUser(String accessKeyId, String secretAccessKey, String arn)
{
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");
  private static final Pattern USER_ARN = Pattern.compile("arn:aws:iam::\\d{12}:user/[\\w+=,.@/-]+");

  public BaseUser
  {
    if (!ACCESS_KEY_ID.matcher(Objects.requireNonNull(accessKeyId, "accessKeyId")).matches()) {
      throw new IllegalArgumentException("An access key id is 16 to 128 upper-case letters and digits");
    }
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    if (!USER_ARN.matcher(arn).matches()) {
      throw new IllegalArgumentException("User ARN '" + arn + "' is not of the form arn:aws:iam::<12 digits>:user/<name>");
    }
  }

  String account()
  {
    return arn.split(":")[4];
  }

  @Override
  public String toString()
  {
    return "BaseUser{accessKeyId=" + accessKeyId + ", arn=" + arn + '}';
  }
}
