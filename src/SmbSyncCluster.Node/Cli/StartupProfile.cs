using System.Runtime;

namespace SmbSyncCluster.Node.Cli;

/// <summary>
/// Multi-core JIT for a one-shot command. Most of a sync's start-up is the JIT compiling generic code
/// that ReadyToRun cannot precompile (the Akka.Streams and linq2db instantiations behind the journal's
/// recovery, async state machines); replaying the list of methods the previous run compiled, the
/// runtime compiles them on a spare core before the main path asks for them. The list belongs to the
/// program and the machine, not to a data directory, so it lives in the user's cache directory, guarded
/// by its own lock: one process at a time records and replays it, any other runs without.
/// </summary>
internal sealed class StartupProfile : IDisposable
{
    private readonly FileStream? _lock;

    private StartupProfile(FileStream? lockFile) => _lock = lockFile;

    /// <summary>Replays the profile <paramref name="name"/> if one is there, and records this process's in its place.</summary>
    /// <remarks>The runtime honours a process's first profile directory only: one profile per process.</remarks>
    public static StartupProfile Begin(string name)
    {
        if (CacheDirectory() is not { } directory)
        {
            return new StartupProfile(null);
        }
        FileStream lockFile;
        try
        {
            Directory.CreateDirectory(directory);
            lockFile = new FileStream(Path.Combine(directory, name + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new StartupProfile(null); // another process holds it, or no writable cache: start without
        }
        ProfileOptimization.SetProfileRoot(directory);
        ProfileOptimization.StartProfile(name + ".jitprofile");
        return new StartupProfile(lockFile);
    }

    /// <summary>Writes the recorded profile, then lets another process have it.</summary>
    public void Dispose()
    {
        if (_lock is null)
        {
            return;
        }
        ProfileOptimization.StartProfile(null);
        _lock.Dispose();
    }

    /// <summary>
    /// Where profiles live: <c>$XDG_CACHE_HOME/smbsync</c>, else <c>~/.cache/smbsync</c>; null without a
    /// home directory. Runs leave it out of the trees they sync (its lock is held while they run).
    /// </summary>
    internal static string? CacheDirectory()
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache) || !Path.IsPathFullyQualified(cache))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (string.IsNullOrEmpty(home))
            {
                return null;
            }
            cache = Path.Combine(home, ".cache");
        }
        return Path.Combine(cache, "smbsync");
    }
}
