using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Smb.Tests.Integration;

/// <summary>Client options and connections for the Samba fixtures.</summary>
internal static class Samba
{
    public static SmbCredentials User => new(SambaServer.Domain, SambaServer.UserName, SambaServer.Password);

    public static SmbClientOptions Options(SambaServer server, Func<SmbClientOptions, SmbClientOptions>? tweak = null)
    {
        var options = new SmbClientOptions { Host = "127.0.0.1", Port = server.Port, Credentials = User };
        return tweak is null ? options : tweak(options);
    }

    public static Task<SmbShareClient> ConnectAsync(SambaServer server, string share = SambaServer.ShareName, Func<SmbClientOptions, SmbClientOptions>? tweak = null) =>
        SmbShareClient.ConnectAsync(Options(server, tweak), share);

    /// <summary>A fresh directory on the share (and its path on disk) so tests sharing a server do not collide.</summary>
    public static (string Remote, string Local) NewDirectory(SambaServer server, string share = SambaServer.ShareName)
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        var local = Path.Combine(server.SharePath(share), name);
        Directory.CreateDirectory(local);
        return (name, local);
    }
}
