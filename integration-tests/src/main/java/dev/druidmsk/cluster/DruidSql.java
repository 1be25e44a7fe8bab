package dev.druidmsk.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Druid SQL through the broker's HTTP API, rows as maps. */
public final class DruidSql
{
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Druid's (Calcite's) answer for a table it does not know: a datasource that has no segment yet. */
  private static final Pattern TABLE_NOT_FOUND = Pattern.compile("Object '[^']*' not found\\b.*", Pattern.DOTALL);

  private final DruidHttp http;
  private final URI endpoint;

  public DruidSql(DruidHttp http, URI broker)
  {
    this.http = http;
    this.endpoint = broker.resolve("/druid/v2/sql");
  }

  public List<Map<String, Object>> query(String sql) throws IOException, InterruptedException
  {
    return query(sql, Map.of());
  }

  /** With query context parameters, e.g. {@code useApproximateCountDistinct=false} for exact distinct counts. */
  public List<Map<String, Object>> query(String sql, Map<String, Object> context)
      throws IOException, InterruptedException
  {
    final DruidHttp.Response response = post(sql, context);
    if (!response.ok()) {
      throw new IOException("Druid SQL answered " + response.status() + ": " + response.body());
    }
    return rows(response);
  }

  /**
   * The one number a one-row, one-column query returns; 0 for no row, null, or a datasource not created yet. Any
   * other SQL error fails: a wrong query must not read as "nothing ingested yet".
   */
  public long queryLong(String sql) throws IOException, InterruptedException
  {
    final DruidHttp.Response response = post(sql, Map.of());
    if (!response.ok()) {
      if (response.status() == 400 && TABLE_NOT_FOUND.matcher(errorMessage(response.body())).matches()) {
        return 0;
      }
      throw new IOException("Druid SQL answered " + response.status() + ": " + response.body());
    }
    final List<Map<String, Object>> rows = rows(response);
    final Object value = rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    return value == null ? 0 : ((Number) value).longValue();
  }

  private DruidHttp.Response post(String sql, Map<String, Object> context) throws IOException, InterruptedException
  {
    final ObjectNode request = JSON.createObjectNode().put("query", sql);
    request.set("context", JSON.valueToTree(context));
    return http.postJson(endpoint, JSON.writeValueAsString(request));
  }

  private static List<Map<String, Object>> rows(DruidHttp.Response response) throws IOException
  {
    return JSON.readValue(response.body(), new TypeReference<List<Map<String, Object>>>()
    {
    });
  }

  /** The errorMessage of Druid's JSON error answer, or "" when the body is not one. */
  static String errorMessage(String body)
  {
    try {
      return JSON.readTree(body).path("errorMessage").asText("");
    }
    catch (IOException e) {
      return "";
    }
  }
}
