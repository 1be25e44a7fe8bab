package dev.druidmsk.localstack.druid;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** Druid SQL through the broker's HTTP API, rows as maps. */
public final class DruidSql
{
  private static final ObjectMapper JSON = new ObjectMapper();

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
    final ObjectNode request = JSON.createObjectNode().put("query", sql);
    request.set("context", JSON.valueToTree(context));
    final DruidHttp.Response response = http.postJson(endpoint, JSON.writeValueAsString(request));
    if (!response.ok()) {
      throw new IOException("Druid SQL answered " + response.status() + ": " + response.body());
    }
    return JSON.readValue(response.body(), new TypeReference<List<Map<String, Object>>>()
    {
    });
  }

  /** The one number a one-row, one-column query returns; 0 for no row, null, or a datasource not created yet. */
  public long queryLong(String sql) throws IOException, InterruptedException
  {
    try {
      final List<Map<String, Object>> rows = query(sql);
      final Object value = rows.isEmpty() ? null : rows.get(0).values().iterator().next();
      return value == null ? 0 : ((Number) value).longValue();
    }
    catch (IOException e) {
      if (e.getMessage().contains("not found")) {
        return 0;
      }
      throw e;
    }
  }
}
