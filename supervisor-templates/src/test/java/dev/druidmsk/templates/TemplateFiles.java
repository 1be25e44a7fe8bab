package dev.druidmsk.templates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small template and values files for tests; JSON is written with ' for " to keep tests readable. */
final class TemplateFiles
{
  private TemplateFiles()
  {
  }

  static Path write(Path dir, String fileName, String content)
  {
    try {
      return Files.writeString(dir.resolve(fileName), content, StandardCharsets.UTF_8);
    }
    catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path json(Path dir, String fileName, String singleQuotedJson)
  {
    return write(dir, fileName, singleQuotedJson.replace('\'', '"'));
  }

  /** A template whose variables section and spec are given in single-quoted JSON. */
  static Template template(Path dir, String variables, String spec) throws TemplateException
  {
    return Template.load(json(dir, "t.json", "{'template': {'variables': " + variables + "}, " + spec + "}"));
  }
}
