using Akka.TestKit;
using SmbSyncCluster.Cluster.Runs;

namespace SmbSyncCluster.Cluster.Tests;

/// <summary>What a run started as a child of a test actor reports to it.</summary>
internal static class RunEnding
{
    /// <summary>The batches the run sends until it ends, and how it ended, each waited for at most <paramref name="wait"/>.</summary>
    public static (List<ItemBatch> Batches, RunEnded End) CollectRun(this TestKitBase kit, TimeSpan wait)
    {
        var batches = new List<ItemBatch>();
        while (true)
        {
            switch (kit.FishForMessage(m => m is ItemBatch or RunEnded, wait))
            {
                case ItemBatch batch:
                    batches.Add(batch);
                    break;
                case RunEnded end:
                    return (batches, end);
            }
        }
    }
}
