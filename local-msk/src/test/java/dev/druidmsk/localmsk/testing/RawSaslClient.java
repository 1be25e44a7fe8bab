package dev.druidmsk.localmsk.testing;

import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.SaslAuthenticateRequest;
import org.apache.kafka.common.requests.SaslAuthenticateResponse;
import org.apache.kafka.common.requests.SaslHandshakeRequest;
import org.apache.kafka.common.requests.SaslHandshakeResponse;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Speaks just SaslHandshake and SaslAuthenticate to a SASL_PLAINTEXT listener, so a test can send an AWS_MSK_IAM
 * payload that no real client would send (a tampered or stale signature) and read the broker's verdict.
 */
public final class RawSaslClient
{
  private static final String CLIENT_ID = "druid-msk-raw-sasl";

  private RawSaslClient()
  {
  }

  /** The broker's answer to one authentication attempt: an error (or NONE), its message, and the reply bytes. */
  public record Verdict(Errors error, String message, String reply)
  {
  }

  public static Verdict authenticate(final String host, final int port, final String payload) throws IOException
  {
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(15_000);
      final DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      final DataInputStream in = new DataInputStream(socket.getInputStream());

      final SaslHandshakeResponse handshake = (SaslHandshakeResponse) exchange(out, in, new RequestHeader(
          ApiKeys.SASL_HANDSHAKE, (short) 1, CLIENT_ID, 1
      ), new SaslHandshakeRequest.Builder(new SaslHandshakeRequestData().setMechanism("AWS_MSK_IAM")).build((short) 1));
      if (handshake.error() != Errors.NONE) {
        return new Verdict(handshake.error(), "handshake refused, mechanisms " + handshake.data().mechanisms(), "");
      }

      final SaslAuthenticateResponse response = (SaslAuthenticateResponse) exchange(out, in, new RequestHeader(
          ApiKeys.SASL_AUTHENTICATE, (short) 2, CLIENT_ID, 2
      ), new SaslAuthenticateRequest.Builder(
          new SaslAuthenticateRequestData().setAuthBytes(payload.getBytes(StandardCharsets.UTF_8))
      ).build((short) 2));
      return new Verdict(
          response.error(),
          response.errorMessage(),
          new String(response.saslAuthBytes(), StandardCharsets.UTF_8)
      );
    }
  }

  private static AbstractResponse exchange(
      final DataOutputStream out,
      final DataInputStream in,
      final RequestHeader header,
      final AbstractRequest request
  ) throws IOException
  {
    final ByteBuffer frame = request.serializeWithHeader(header);
    out.writeInt(frame.remaining());
    out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
    out.flush();
    final byte[] reply = new byte[in.readInt()];
    in.readFully(reply);
    return AbstractResponse.parseResponse(ByteBuffer.wrap(reply), header);
  }
}
