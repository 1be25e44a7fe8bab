package dev.druidmsk.localmsk;

import dev.druidmsk.localmsk.command.LocalMskCommand;

/** The {@code local-msk} command: {@code start} and {@code stop}. Run {@code --help} for the usage. */
public final class LocalMskMain
{
  private LocalMskMain()
  {
  }

  public static void main(final String[] args) throws Exception
  {
    System.exit(LocalMskCommand.run(args, System.out, System.err));
  }
}
