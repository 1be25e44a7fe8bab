package dev.druidmsk.templates;

/**
 * A template, values file or Druid home that cannot be used. The message names the file, the JSON path and the
 * variable where they apply, and says how to fix it; it never contains a value, since values may be secrets.
 */
public class TemplateException extends Exception
{
  public TemplateException(String message)
  {
    super(message);
  }

  public TemplateException(String message, Throwable cause)
  {
    super(message, cause);
  }
}
