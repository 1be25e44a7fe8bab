package dev.druidmsk.localmsk.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java <jvmArgs> -cp <classpath> <mainClass> <args>}, run in {@code workDir} with {@code environment} added
 * to this JVM's and its output appended to {@code log}; {@code name} labels it in messages.
 */
public record JavaCommand(
    String name,
    List<String> jvmArgs,
    String classpath,
    String mainClass,
    List<String> args,
    Map<String, String> environment,
    Path workDir,
    Path log
)
{
  List<String> commandLine()
  {
    final List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    return command;
  }
}
