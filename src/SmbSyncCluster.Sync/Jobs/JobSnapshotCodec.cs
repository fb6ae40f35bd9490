using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SmbSyncCluster.Sync.Jobs.Events;
using SmbSyncCluster.Sync.Model;
using SmbSyncCluster.Contracts;

namespace SmbSyncCluster.Sync.Jobs;

/// <summary>
/// A whole <see cref="JobState"/> as bytes, for journal snapshots: a JSON header (spec, run in
/// progress, history) and then the base as a compact binary list (path, kind, size, time), since the
/// base can hold millions of paths and recovery must stay quick. Version 1; a new layout gets a new
/// version and this reader stays.
/// </summary>
public static class JobSnapshotCodec
{
    /// <summary>The manifest snapshots of this layout are stored under.</summary>
    public const string Manifest = "JobSnapshot.v1";

    private const byte Version = 1;

    // ScheduledSince came with schedules, LastCompletedAt and Days later: absent in older snapshots, they read as unknown
    // (the history's last completed run, for the second; the history's runs, for the days).
    private sealed record Header(
        JobSpec? Spec, bool Deleted, SnapshotRun? Run, IReadOnlyList<RunSummary> History, DateTimeOffset? ScheduledSince = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? LastCompletedAt = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RunDay>? Days = null);

    // Force, MaxDeletePercent, Counts, Stopping, UnlistedErrors, FirstSync and Watched came after the first snapshots: absent, they read as their defaults.
    private sealed record SnapshotRun(
        string RunId, DateTimeOffset StartedAt, bool DryRun, bool Paused, int ItemsSynced, long Bytes, IReadOnlyList<RunError> Errors,
        bool Force = false, int? MaxDeletePercent = null, FileCounts? Counts = null, bool Stopping = false,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int UnlistedErrors = 0,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool FirstSync = false,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Watched = false);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { WireNames.Converter() } };

    /// <summary>Writes the state; call on the actor's thread, as the state keeps changing afterwards.</summary>
    public static byte[] Encode(JobState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Version);
            var run = state.Run is { } r ? new SnapshotRun(r.RunId, r.StartedAt, r.DryRun, r.Paused, r.ItemsSynced, r.Bytes, [.. r.Errors], r.Force, r.MaxDeletePercent, r.Counts, r.Stopping, r.UnlistedErrors, r.FirstSync, r.Watched) : null;
            var header = JsonSerializer.SerializeToUtf8Bytes(new Header(state.Spec, state.Deleted, run, state.History, state.ScheduledSince, state.LastCompletedAt, [.. state.Days.Days]), Json);
            w.Write(header.Length);
            w.Write(header);
            w.Write(state.Base.Count);
            foreach (var (path, entry) in state.Base)
            {
                w.Write(path);
                w.Write((byte)entry.Kind);
                w.Write7BitEncodedInt64(entry.Size);
                w.Write(entry.ModifiedTicks);
            }
        }
        return stream.ToArray();
    }

    /// <summary>Reads a state written by <see cref="Encode"/>.</summary>
    /// <exception cref="FormatException">not a snapshot of a known version, or truncated.</exception>
    public static JobState Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            if (r.ReadByte() != Version)
            {
                throw new FormatException("unknown job snapshot version");
            }
            var headerLength = r.ReadInt32();
            if (headerLength < 0 || headerLength > bytes.Length - r.BaseStream.Position)
            {
                throw new FormatException($"job snapshot header length {headerLength} is out of range");
            }
            var header = JsonSerializer.Deserialize<Header>(r.ReadBytes(headerLength), Json) ?? throw new FormatException("empty job snapshot header");
            var count = r.ReadInt32();
            // Each entry takes at least 11 bytes (path length, kind, size, time): a larger count is corrupt.
            if (count < 0 || count > (bytes.Length - r.BaseStream.Position) / 11)
            {
                throw new FormatException($"job snapshot entry count {count} is out of range");
            }
            var tree = new TreeSnapshot(count);
            for (var i = 0; i < count; i++)
            {
                var path = r.ReadString();
                var kind = (EntryKind)r.ReadByte();
                tree.Add(path, new EntryState(kind, r.Read7BitEncodedInt64(), r.ReadInt64()));
            }
            ActiveRun? run = null;
            if (header.Run is { } s)
            {
                run = new ActiveRun(s.RunId, s.StartedAt, s.DryRun, s.Force, s.MaxDeletePercent, s.FirstSync, s.Watched)
                {
                    Paused = s.Paused, Stopping = s.Stopping, ItemsSynced = s.ItemsSynced, Bytes = s.Bytes, Counts = s.Counts ?? FileCounts.Zero,
                    UnlistedErrors = s.UnlistedErrors,
                };
                run.Errors.AddRange(s.Errors);
            }
            return JobState.Restore(header.Spec, header.Deleted, tree, run, header.History, header.ScheduledSince, header.LastCompletedAt, header.Days);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or ArgumentException or IOException)
        {
            throw new FormatException($"a job snapshot does not decode: {e.Message}", e);
        }
    }
}
