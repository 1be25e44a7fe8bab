package dev.druidmsk.quickstart;

import java.nio.file.Path;

/** The quickstart's command line: where the repository and the run's files are, the event rate, how long to run. */
record QuickstartOptions(Path repository, Path workDir, int eventsPerSecond, int minutes)
{
  private static final String USAGE = String.join(
      System.lineSeparator(),
      "Usage: Quickstart --repository DIR --work-dir DIR [--rate EVENTS_PER_SECOND] [--minutes N]",
      "  --repository DIR   the built druid-msk repository (mvn -B package -DskipTests)",
      "  --work-dir DIR     where the run's logs, data and state go",
      "  --rate N           API requests per second to produce (default 200)",
      "  --minutes N        stop by itself after N minutes (default 0: run until stopped)"
  );

  /** The options, or null after printing the usage for --help; a bad option throws with the usage. */
  static QuickstartOptions parse(String[] args)
  {
    Path repository = null;
    Path workDir = null;
    int rate = 200;
    int minutes = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          System.out.println(USAGE);
          return null;
        }
        case "--repository" -> repository = Path.of(value(args, ++i));
        case "--work-dir" -> workDir = Path.of(value(args, ++i));
        case "--rate" -> rate = positive(args, ++i);
        case "--minutes" -> minutes = Integer.parseInt(value(args, ++i));
        default -> throw new IllegalArgumentException("Unknown option " + args[i] + System.lineSeparator() + USAGE);
      }
    }
    if (repository == null || workDir == null) {
      throw new IllegalArgumentException("--repository and --work-dir are required" + System.lineSeparator() + USAGE);
    }
    return new QuickstartOptions(repository.toAbsolutePath(), workDir.toAbsolutePath(), rate, minutes);
  }

  private static String value(String[] args, int i)
  {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value" + System.lineSeparator() + USAGE);
    }
    return args[i];
  }

  private static int positive(String[] args, int i)
  {
    final int value = Integer.parseInt(value(args, i));
    if (value <= 0) {
      throw new IllegalArgumentException(args[i - 1] + " must be positive, got " + value);
    }
    return value;
  }
}
