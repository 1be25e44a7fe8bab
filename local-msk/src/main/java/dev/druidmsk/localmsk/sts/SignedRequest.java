package dev.druidmsk.localmsk.sts;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The parts of an HTTP request that its SigV4 signature covers. */
record SignedRequest(
    String method,
    String path,
    List<Map.Entry<String, String>> query,
    Function<String, List<String>> headers,
    byte[] body
)
{
}
