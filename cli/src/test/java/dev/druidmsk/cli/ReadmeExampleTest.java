package dev.druidmsk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's "In one minute" commands, run as written: they need nothing the block does not set itself. */
class ReadmeExampleTest
{
  private static final Pattern EXPORT = Pattern.compile("export (\\w+)=(\\S+)");
  private static final Pattern TOKEN = Pattern.compile("\"([^\"]*)\"|(\\S+)");

  @TempDir
  Path dir;

  /** The first sh block of README.md, continuation lines joined, comments dropped. */
  private static List<String> readmeCommands() throws Exception
  {
    final String readme = Files.readString(Path.of("..", "README.md"));
    final int start = readme.indexOf("```sh\n") + "```sh\n".length();
    final String block = readme.substring(start, readme.indexOf("```", start)).replace("\\\n", " ");
    final List<String> commands = new ArrayList<>();
    for (String line : block.split("\n")) {
      final String command = line.replaceAll("\\s+#.*$", "").strip();
      if (!command.isEmpty()) {
        commands.add(command);
      }
    }
    return commands;
  }

  /** The words of {@code command} as the shell would pass them, with {@code $NAME} replaced by its value. */
  private static List<String> words(String command, String name, String value)
  {
    final List<String> words = new ArrayList<>();
    final Matcher token = TOKEN.matcher(command.replace("$" + name, value));
    while (token.find()) {
      words.add(token.group(1) != null ? token.group(1) : token.group(2));
    }
    return words;
  }

  @Test
  void theRenderExampleSetsWhatItUsesAndWritesTheFileTheNextCommandsRead() throws Exception
  {
    final List<String> commands = readmeCommands();
    final Matcher export = EXPORT.matcher(commands.get(0));
    assertThat(export.matches()).as("the block starts by setting what render uses: %s", commands.get(0)).isTrue();
    final List<String> render = words(commands.get(1), export.group(1), export.group(2));
    assertThat(render.subList(0, 3)).containsExactly("druid-msk", "spec", "render");
    final String file = render.get(render.indexOf("-o") + 1);
    render.set(render.indexOf("-o") + 1, dir.resolve(file).toString());

    final Cli.Result result = new Cli().run(render.subList(1, render.size()).toArray(new String[0]));

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(dir.resolve(file)).exists();
    assertThat(commands.subList(2, commands.size())).allMatch(command -> words(command, "", "").get(3).equals(file));
  }
}
