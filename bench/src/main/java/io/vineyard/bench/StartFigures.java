package io.vineyard.bench;

import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import java.io.IOException;

/** P5: how long a launched runtime takes to serve, and its resident memory when idle. */
final class StartFigures {
  private StartFigures() {}

  static void startAndIdle(Bench bench, LaunchedRuntime rt)
      throws IOException, InterruptedException {
    bench.add(
        Measure.alone(
            "P5",
            "start to ready (spawn of runtime/bin/vineyardd to its ready line)",
            rt.startToReadyMs,
            "ms",
            Goal.valueAtMost(1000, "ms")));
    bench.add(
        Measure.alone(
            "P5-jvm",
            "start to ready as the ready line reports it (JVM uptime)",
            rt.readyLineMs,
            "ms",
            null));
    try (VineyardClient c = Vineyard.connect(rt.socket)) {
      c.status();
    }
    Thread.sleep(2000); // idle: what it holds once started and served one client
    bench.add(
        Measure.alone(
            "P5-rss",
            "idle RSS of the runtime process (VmRSS, 2 s after one client)",
            rt.rssMiB(),
            "MiB",
            Goal.valueAtMost(150, "MiB")));
  }
}
