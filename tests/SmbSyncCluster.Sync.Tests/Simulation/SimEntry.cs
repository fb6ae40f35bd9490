using SmbSyncCluster.Sync.Model;

namespace SmbSyncCluster.Sync.Tests.Simulation;

/// <summary>An entry of a simulated tree: its path as stored, its state, and which content it holds (0 for directories).</summary>
internal readonly record struct SimEntry(string Path, EntryState State, long Content);
