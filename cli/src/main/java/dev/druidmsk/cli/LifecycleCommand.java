package dev.druidmsk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A POST of one lifecycle action to a supervisor (`suspend`, `resume`). */
abstract class LifecycleCommand implements Runnable
{
  @Spec
  private CommandSpec spec;

  @Mixin
  private SupervisorTarget target;

  /** The path word Druid takes, and the past tense for the message. */
  abstract String action();

  abstract String done();

  @Override
  public void run()
  {
    final CliContext context = DruidMsk.contextOf(spec);
    final JsonNode answer = target.overlord.connect(context).act(target.id, action());
    if (target.json.isSet()) {
      JsonFlag.print(context, answer);
    } else {
      context.out().println("Supervisor '" + target.id + "' " + done() + ".");
      context.out().flush();
    }
  }
}
