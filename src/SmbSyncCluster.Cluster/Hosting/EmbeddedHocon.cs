using Akka.Configuration;

namespace SmbSyncCluster.Cluster.Hosting;

/// <summary>The HOCON files of <c>hocon/</c>, embedded into this assembly: the defaults a deployment may override.</summary>
public static class EmbeddedHocon
{
    /// <summary><c>hocon/dispatchers.conf</c>: the dispatcher for blocking file I/O.</summary>
    public static Config Dispatchers => Load("dispatchers.conf");

    /// <summary><c>hocon/cluster.conf</c>: failure detection, downing, sharding hand-over, coordinated shutdown, remoting frames.</summary>
    public static Config Cluster => Load("cluster.conf");

    private static Config Load(string name)
    {
        using var stream = typeof(EmbeddedHocon).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(name + " is not embedded");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
