using System.Diagnostics;

namespace SmbSyncCluster.Testing;

/// <summary>
/// A real <c>smbd</c> on a free loopback port with its own smb.conf and state under a temp directory.
/// Shares: <see cref="ShareName"/> (read-write, user only), <see cref="ReadOnlyShareName"/>,
/// <see cref="GuestShareName"/> (guest allowed), <see cref="EncryptedShareName"/> (encryption required
/// on that share only) and <see cref="CoarseTimesShareName"/> (times reported in 2-second steps, as on FAT).
/// </summary>
public sealed class SambaServer : IAsyncDisposable
{
    public const string ShareName = "share";
    public const string ReadOnlyShareName = "readonly";
    public const string GuestShareName = "guest";
    public const string EncryptedShareName = "secure";
    public const string CoarseTimesShareName = "coarse";
    public const string UserName = "smbsynctest";
    public const string Password = "Test-Pa55word!";
    public const string Domain = "WORKGROUP";

    private static readonly SemaphoreSlim UserSetup = new(1, 1);
    private Process _smbd;
    private ProcessOutput _output;

    private SambaServer(string root, int port, (Process Smbd, ProcessOutput Output) launched, SambaOptions options)
    {
        Root = root;
        Port = port;
        (_smbd, _output) = launched;
        Options = options;
    }

    public string Root { get; }
    public int Port { get; }
    public SambaOptions Options { get; }
    public string ConfigFile => Path.Combine(Root, "smb.conf");

    /// <summary>Directory on disk behind a share: tests arrange and check files through it.</summary>
    public string SharePath(string share = ShareName) => Path.Combine(Root, "shares", share);

    public static async Task<SambaServer> StartAsync(SambaOptions? options = null)
    {
        options ??= SambaOptions.Default;
        if (!ExternalTool.IsRoot)
        {
            throw new InvalidOperationException("the Samba fixture runs smbd as root (it creates a Unix user and binds its own state); run the tests as root, e.g. through scripts/test.sh in a container.");
        }
        const string hint = "install the Debian packages 'samba' and 'smbclient'";
        var smbdPath = ExternalTool.Find("smbd", hint);
        var smbpasswd = ExternalTool.Find("smbpasswd", hint);

        var root = options.Parent is null
            ? Directory.CreateTempSubdirectory("smbsync-samba-").FullName
            : Directory.CreateDirectory(Path.Combine(options.Parent, $"smbsync-samba-{Guid.NewGuid():N}")).FullName;
        foreach (var dir in new[] { "private", "lock", "state", "cache", "pid", "ncalrpc", "log", "binddns" })
        {
            Directory.CreateDirectory(Path.Combine(root, dir));
        }
        foreach (var share in new[] { ShareName, ReadOnlyShareName, GuestShareName, EncryptedShareName, CoarseTimesShareName })
        {
            Directory.CreateDirectory(Path.Combine(root, "shares", share));
        }
        var port = FreePort.Next();
        File.WriteAllText(Path.Combine(root, "smb.conf"), RenderConfig(root, port, options));

        await EnsureUnixUserAsync();
        ExternalTool.Run(smbpasswd, ["-c", Path.Combine(root, "smb.conf"), "-a", "-s", UserName], $"{Password}\n{Password}\n");

        var server = new SambaServer(root, port, Launch(smbdPath, root), options);
        try
        {
            await server.WaitUntilListeningAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private static (Process Smbd, ProcessOutput Output) Launch(string smbdPath, string root)
    {
        var psi = new ProcessStartInfo(smbdPath)
        {
            // A standalone server maps its users itself. Asked through libwbclient, a winbindd running on the
            // machine (an AD domain controller's, say) would map them into its domain and fail every logon.
            Environment = { ["_NO_WINBINDD"] = "1" },
        };
        foreach (var a in new[] { "--foreground", "--no-process-group", "-d", "1", "-s", Path.Combine(root, "smb.conf") })
        {
            psi.ArgumentList.Add(a);
        }
        return ProcessOutput.Start(psi, "smbd");
    }

    private Task WaitUntilListeningAsync()
    {
        var (smbd, output) = (_smbd, _output);
        return FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(30),
            () => smbd.HasExited ? $"smbd exited with {smbd.ExitCode}: {output}" : $"smbd still starting: {output}");
    }

    /// <summary>
    /// Kills smbd and every process it started, as a crash or a hard restart of the server would: clients
    /// see their connections reset and new ones refused until <see cref="StartAgainAsync"/>.
    /// </summary>
    public async Task StopAsync()
    {
        if (!_smbd.HasExited)
        {
            _smbd.Kill(entireProcessTree: true);
            await _smbd.WaitForExitAsync();
        }
    }

    /// <summary>Starts smbd again after <see cref="StopAsync"/>, on the same port with the same shares and users.</summary>
    public async Task StartAgainAsync()
    {
        _smbd.Dispose();
        (_smbd, _output) = Launch(ExternalTool.Find("smbd", "install the Debian package 'samba'"), Root);
        await WaitUntilListeningAsync();
    }

    private static string RenderConfig(string root, int port, SambaOptions o)
    {
        string P(string d) => Path.Combine(root, d);
        string Share(string name, string extra) => $"""

            [{name}]
              path = {Path.Combine(root, "shares", name)}
              force user = root
              create mask = 0644
              directory mask = 0755
            {extra}
            """;
        return $"""
            [global]
              netbios name = SMBSYNCTEST
              workgroup = {Domain}
              server role = standalone server
              security = user
              map to guest = Bad User
              guest account = nobody
              passdb backend = tdbsam:{P("private")}/passdb.tdb
              private dir = {P("private")}
              lock directory = {P("lock")}
              state directory = {P("state")}
              cache directory = {P("cache")}
              pid directory = {P("pid")}
              ncalrpc dir = {P("ncalrpc")}
              binddns dir = {P("binddns")}
              usershare path =
              log file = {P("log")}/log.%m
              max log size = 1000
              smb ports = {port}
              interfaces = 127.0.0.1
              bind interfaces only = yes
              disable netbios = yes
              load printers = no
              printing = bsd
              printcap name = /dev/null
              disable spoolss = yes
              server min protocol = {o.MinProtocol}
              server max protocol = {o.MaxProtocol}
              server signing = {o.Signing}
              server smb encrypt = {o.Encryption}
              ea support = yes
              store dos attributes = no
              kernel oplocks = no
              strict sync = no
            {Share(ShareName, "  read only = no\n  valid users = " + UserName)}
            {Share(ReadOnlyShareName, "  read only = yes\n  valid users = " + UserName)}
            {Share(GuestShareName, "  read only = no\n  guest ok = yes")}
            {Share(EncryptedShareName, "  read only = no\n  valid users = " + UserName + "\n  server smb encrypt = required")}
            {Share(CoarseTimesShareName, "  read only = no\n  valid users = " + UserName + "\n  dos filetime resolution = yes")}
            """;
    }

    private static async Task EnsureUnixUserAsync()
    {
        await UserSetup.WaitAsync();
        try
        {
            if (File.ReadAllLines("/etc/passwd").Any(l => l.StartsWith(UserName + ":", StringComparison.Ordinal)))
            {
                return;
            }
            var useradd = ExternalTool.Find("useradd", "install the Debian package 'passwd'");
            ExternalTool.Run(useradd, ["--no-create-home", "--shell", "/usr/sbin/nologin", UserName]);
        }
        finally
        {
            UserSetup.Release();
        }
    }

    /// <summary>Runs <c>smbclient</c> against a share of this server with the test user, returning its output.</summary>
    public string SmbClient(string share, string commands, params string[] extraArgs)
    {
        var smbclient = ExternalTool.Find("smbclient", "install the Debian package 'smbclient'");
        return ExternalTool.Run(smbclient,
            [$"//127.0.0.1/{share}", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "-U", $"{UserName}%{Password}", "-c", commands, .. extraArgs]);
    }

    /// <summary>
    /// Drops every client connection by killing the per-connection smbd children, keeping the listener
    /// and its helpers (notifyd, cleanupd), without which new connections would stall.
    /// </summary>
    public void KillClientConnections()
    {
        foreach (var (child, name) in ChildProcesses(_smbd.Id))
        {
            if (name != "smbd")
            {
                continue;
            }
            try
            {
                Process.GetProcessById(child).Kill();
            }
            catch (ArgumentException)
            {
                // already gone
            }
        }
    }

    private static IEnumerable<(int Pid, string Name)> ChildProcesses(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so parse after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], out var ppid) && ppid == parent)
            {
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                yield return (pid, stat[(open + 1)..stat.LastIndexOf(')')]);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_smbd.HasExited)
        {
            _smbd.Kill(entireProcessTree: true);
            await _smbd.WaitForExitAsync();
        }
        _smbd.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a straggling child may still hold a file; the temp dir is disposable anyway
        }
    }
}
