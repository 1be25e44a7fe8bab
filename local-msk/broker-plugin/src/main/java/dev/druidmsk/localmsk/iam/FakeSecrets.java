package dev.druidmsk.localmsk.iam;

/**
 * Every secret the emulator makes up (base users' secret keys, issued secret keys and session tokens) starts
 * with {@link #MARKER}, so that a scan of everything a build wrote can tell whether one leaked. SigV4 signs with
 * any string, so the marker changes nothing else.
 */
public final class FakeSecrets
{
  public static final String MARKER = "DRUIDMSKFAKESECRET";

  private FakeSecrets()
  {
  }

  /** SECRET, recognisable as a fake one. */
  public static String marked(final String secret)
  {
    return MARKER + secret;
  }
}
