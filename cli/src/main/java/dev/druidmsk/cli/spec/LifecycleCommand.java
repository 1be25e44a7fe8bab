package dev.druidmsk.cli.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.common.ContextMixin;
import dev.druidmsk.cli.common.JsonFlag;
import picocli.CommandLine.Mixin;

/** A POST of one lifecycle action to a supervisor (`suspend`, `resume`). */
abstract class LifecycleCommand implements Runnable
{
  @Mixin
  private ContextMixin run;

  @Mixin
  private SupervisorTarget target;

  /** The path word Druid takes, and the past tense for the message. */
  abstract String action();

  abstract String done();

  @Override
  public void run()
  {
    final CliContext context = run.context();
    final JsonNode answer = target.overlord.connect(context).act(target.id, action());
    if (target.json.isSet()) {
      JsonFlag.print(context, answer);
    } else {
      context.out().println("Supervisor '" + target.id + "' " + done() + ".");
      context.out().flush();
    }
  }
}
