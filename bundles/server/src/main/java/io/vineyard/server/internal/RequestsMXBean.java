package io.vineyard.server.internal;

/**
 * JMX view of the requests of one command ({@code
 * io.vineyard:type=Requests,socket="<path>",command=<request type>}): counts and latencies.
 */
public interface RequestsMXBean {
  /** The request's type string, e.g. {@code create_buffer_request}. */
  String getCommand();

  /** Requests served. */
  long getCount();

  /** Requests answered with an error. */
  long getErrors();

  /** Time spent serving them, in microseconds. */
  long getTotalMicros();

  /** The upper bounds of the latency histogram's buckets, in microseconds. */
  long[] getLatencyBoundsMicros();

  /** Requests per bucket (not cumulative); one more than the bounds: the last is beyond them. */
  long[] getLatencyCounts();

  /** The bucket bound under which half the requests finished (µs; -1: beyond the last). */
  long getLatencyP50Micros();

  /** The bucket bound under which 99% of the requests finished (µs; -1: beyond the last). */
  long getLatencyP99Micros();
}
