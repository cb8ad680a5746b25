package org.aidmp.io.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/**
 * A loopback HTTP server that speaks just enough S3 (path-style GET, ranged GET, ListObjectsV2) to
 * inject the faults a real server cannot: 503 SlowDown a set number of times, bodies cut short
 * after a number of bytes, objects replaced between requests, a bit flipped in transit under a
 * stored checksum. Bound to 127.0.0.1 only.
 */
final class FaultyS3Stub implements AutoCloseable {
  /** What to do with the next requests for one key. */
  static final class Behaviour {
    volatile int slowDowns;

    /** Cut the body after this many bytes, for this many responses (-1: never). */
    volatile int cutAfter = -1;

    volatile int cuts;
    volatile boolean ignoreRange;

    /** Send the CRC32 of the stored object in {@code x-amz-checksum-crc32}, as S3 does. */
    volatile boolean sendChecksum;

    /** Flip the lowest bit of the byte at this offset on the wire (-1: never). */
    volatile int flipAt = -1;
  }

  private final HttpServer server;
  private final Map<String, byte[]> objects = new TreeMap<>();
  private final Map<String, String> eTags = new ConcurrentHashMap<>();
  final Map<String, Behaviour> behaviour = new ConcurrentHashMap<>();
  final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger versions = new AtomicInteger();

  FaultyS3Stub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  S3Settings settings() {
    return S3Settings.builder()
        .setEndpoint(endpoint())
        .setPathStyleAccess(true)
        .setCredentials(AnonymousCredentialsProvider.create())
        .setRetryBaseDelay(java.time.Duration.ofMillis(5))
        .setReadTimeout(java.time.Duration.ofSeconds(5))
        .get();
  }

  synchronized void put(String key, byte[] body) {
    objects.put(key, body);
    eTags.put(key, "\"v" + versions.incrementAndGet() + "\"");
  }

  Behaviour on(String key) {
    return behaviour.computeIfAbsent(key, k -> new Behaviour());
  }

  private void handle(HttpExchange ex) throws IOException {
    if (serve(ex)) {
      // Throwing from a handler makes the JDK server drop the connection, mid-body here: the
      // client sees fewer bytes than Content-Length promised, which is the fault under test.
      throw new IllegalStateException("connection cut on purpose by the test stub");
    }
    ex.close();
  }

  /** Serves one request; true if the body was cut and the connection must be dropped. */
  private boolean serve(HttpExchange ex) throws IOException {
    {
      String path = URLDecoder.decode(ex.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
      String range = ex.getRequestHeaders().getFirst("Range");
      requests.add(ex.getRequestMethod() + " " + path + (range == null ? "" : " " + range));
      String[] parts = path.substring(1).split("/", 2);
      if (parts.length == 1 || parts[1].isEmpty()) {
        list(ex, parts[0]);
        return false;
      }
      String key = parts[1];
      Behaviour b = on(key);
      if (b.slowDowns > 0) {
        b.slowDowns--;
        error(ex, 503, "SlowDown");
        return false;
      }
      byte[] body;
      String eTag;
      synchronized (this) {
        body = objects.get(key);
        eTag = eTags.get(key);
      }
      if (body == null) {
        error(ex, 404, "NoSuchKey");
        return false;
      }
      String ifMatch = ex.getRequestHeaders().getFirst("If-Match");
      if (ifMatch != null && !ifMatch.equals(eTag)) {
        error(ex, 412, "PreconditionFailed");
        return false;
      }
      int start = 0;
      if (range != null && !b.ignoreRange) {
        start = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
        ex.getResponseHeaders()
            .add("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
      }
      ex.getResponseHeaders().add("ETag", eTag);
      if (b.sendChecksum && start == 0 && range == null) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body);
        byte[] be = java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
        ex.getResponseHeaders()
            .add("x-amz-checksum-crc32", java.util.Base64.getEncoder().encodeToString(be));
      }
      if (b.flipAt >= 0 && b.flipAt < body.length) {
        body = body.clone();
        body[b.flipAt] ^= 1;
      }
      ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
      int len = body.length - start;
      ex.sendResponseHeaders(start > 0 || (range != null && !b.ignoreRange) ? 206 : 200, len);
      OutputStream out = ex.getResponseBody();
      if (b.cuts > 0 && b.cutAfter >= 0 && b.cutAfter < len) {
        b.cuts--;
        out.write(body, start, b.cutAfter);
        out.flush();
        return true;
      }
      out.write(body, start, len);
      return false;
    }
  }

  private void list(HttpExchange ex, String bucket) throws IOException {
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult"
                + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>"
                + bucket
                + "</Name>"
                + "<IsTruncated>false</IsTruncated>");
    synchronized (this) {
      for (Map.Entry<String, byte[]> e : objects.entrySet()) {
        xml.append("<Contents><Key>")
            .append(e.getKey())
            .append("</Key><Size>")
            .append(e.getValue().length)
            .append("</Size><ETag>")
            .append(eTags.get(e.getKey()).replace("\"", "&quot;"))
            .append("</ETag></Contents>");
      }
    }
    xml.append("<KeyCount>").append(objects.size()).append("</KeyCount></ListBucketResult>");
    byte[] b = xml.toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/xml");
    ex.sendResponseHeaders(200, b.length);
    ex.getResponseBody().write(b);
  }

  private static void error(HttpExchange ex, int status, String code) throws IOException {
    byte[] b =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                + code
                + "</Code><Message>injected by the test stub</Message></Error>")
            .getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/xml");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
