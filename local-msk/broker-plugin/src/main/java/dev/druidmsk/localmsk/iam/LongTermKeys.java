package dev.druidmsk.localmsk.iam;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * IAM users' long-term access keys (no session token), which MSK accepts as it accepts temporary credentials: the
 * broker verifies their signature with the secret and names the principal by the user ARN. Kept in a file of
 * {@code <access key id> TAB <secret> TAB <user ARN>} lines, readable by its owner only.
 */
public final class LongTermKeys
{
  private final Map<String, Key> keys;

  private LongTermKeys(final Map<String, Key> keys)
  {
    this.keys = Map.copyOf(keys);
  }

  public static LongTermKeys none()
  {
    return new LongTermKeys(Map.of());
  }

  public static LongTermKeys read(final Path file) throws IOException
  {
    final Map<String, Key> keys = new LinkedHashMap<>();
    int number = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      final String[] fields = line.split("\t", -1);
      if (fields.length != 3) {
        throw new IOException("Line " + number + " of " + file + " is not <access key id> TAB <secret> TAB <user ARN>; "
                              + "rewrite the file with LongTermKeys.write");
      }
      keys.put(fields[0], new Key(fields[1], fields[2]));
    }
    return new LongTermKeys(keys);
  }

  /** Writes {@code accessKeyId -> (secret, user ARN)} with mode 0600. */
  public static void write(final Path file, final Map<String, Key> keys) throws IOException
  {
    final StringBuilder text = new StringBuilder();
    keys.forEach((accessKeyId, key) -> text.append(accessKeyId).append('\t').append(key.secret()).append('\t')
                                           .append(key.userArn()).append('\n'));
    PrivateFiles.write(file, text.toString());
  }

  public Optional<Key> find(final String accessKeyId)
  {
    return Optional.ofNullable(keys.get(accessKeyId));
  }

  /** A long-term key's secret and the IAM user it belongs to. */
  public record Key(String secret, String userArn)
  {
    @Override
    public String toString()
    {
      return "Key{userArn=" + userArn + '}';
    }
  }
}
