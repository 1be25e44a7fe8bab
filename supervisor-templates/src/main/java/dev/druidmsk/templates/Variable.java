package dev.druidmsk.templates;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A variable declared in a template's {@code template.variables} section.
 *
 * @param type         one of string, integer, number, boolean, object, array
 * @param required     true when the template declares no default, so a value must be given
 * @param defaultValue the declared default; JSON null for an optional variable that is left out when unset;
 *                     Java null when {@code required}
 */
public record Variable(String name, String type, boolean required, JsonNode defaultValue, String description)
{
}
