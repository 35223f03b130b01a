package dongne;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.opensearch.Version;
import org.opensearch.analysis.common.CommonAnalysisModulePlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugin.analysis.nori.AnalysisNoriPlugin;
import org.opensearch.plugins.PluginInfo;
import org.opensearch.transport.Netty4ModulePlugin;

/**
 * A single-node OpenSearch for tests, started from Maven artifacts instead of a distribution:
 * the modules and the nori plugin are loaded from the classpath. Loopback only.
 * Usage: EmbeddedSearchEngine <home directory> <http port>
 */
public final class EmbeddedSearchEngine extends Node {
  private EmbeddedSearchEngine(Environment environment, List<PluginInfo> plugins) {
    super(environment, plugins, true);
  }

  private static PluginInfo classpathPlugin(Class<?> plugin) {
    return new PluginInfo(plugin.getName(), "loaded from the classpath", Version.CURRENT.toString(), Version.CURRENT, "21", plugin.getName(), null, List.of(), false);
  }

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]).toAbsolutePath();
    String httpPort = args.length > 1 ? args[1] : "9200";
    Files.createDirectories(home.resolve("config"));
    Settings settings = Settings.builder()
        .put("path.home", home.toString())
        .put("path.data", home.resolve("data").toString())
        .put("path.logs", home.resolve("logs").toString())
        .put("cluster.name", "dongne-search-test")
        .put("node.name", "dongne-search")
        .put("discovery.type", "single-node")
        .put("network.host", "127.0.0.1")
        .put("http.port", httpPort)
        .put("transport.port", "9300-9399")
        // A test node on a shared disk: never go read-only because the disk is fuller than usual.
        .put("cluster.routing.allocation.disk.threshold_enabled", false)
        .put("action.auto_create_index", false)
        .build();
    Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), home.resolve("config"), () -> "dongne-search");
    List<PluginInfo> plugins = List.of(
        classpathPlugin(Netty4ModulePlugin.class), classpathPlugin(CommonAnalysisModulePlugin.class), classpathPlugin(AnalysisNoriPlugin.class));
    Node node = new EmbeddedSearchEngine(environment, plugins).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.close();
      } catch (Exception e) {
        e.printStackTrace();
      } finally {
        stopped.countDown();
      }
    }));
    System.out.println("dongne-search started on 127.0.0.1:" + httpPort + " (OpenSearch " + Version.CURRENT + ", Java " + Runtime.version() + ")");
    stopped.await();
  }
}
