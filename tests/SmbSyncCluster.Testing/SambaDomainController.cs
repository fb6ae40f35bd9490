using System.Diagnostics;
using System.Globalization;

namespace SmbSyncCluster.Testing;

/// <summary>
/// A real Samba Active Directory domain controller (realm <see cref="Realm"/>), provisioned in a temp directory:
/// its KDC and its SMB server on free loopback ports of ours, a krb5.conf that points there, users
/// <see cref="UserName"/> (with a keytab) and <see cref="OtherUserName"/> (never given a ticket), and one share
/// <see cref="ShareName"/>. The server requires signing and refuses NTLM (<c>ntlm auth = disabled</c>), so a
/// session that works used Kerberos. The DC is known as <see cref="HostName"/>, which does not resolve: clients
/// connect to 127.0.0.1 and name the service principal <see cref="ServicePrincipal"/>.
/// </summary>
public sealed class SambaDomainController : IAsyncDisposable
{
    public const string Realm = "SMBSYNC.TEST";
    public const string NetbiosDomain = "SMBSYNC";
    public const string HostName = "smbsyncdc";
    public const string ServicePrincipal = "cifs/smbsyncdc.smbsync.test";
    public const string ShareName = "share";
    public const string UserName = "alice";
    public const string OtherUserName = "bob";
    public const string Password = "Al1ce-Kerb-Pa55!";
    public const string OtherPassword = "B0b-Kerb-Pa55!";

    /// <summary>A realm krb5.conf knows whose KDC port is closed.</summary>
    public const string UnreachableRealm = "UNREACHABLE.TEST";

    private const string AdminPassword = "Adm1n-Kerb-Pa55!";
    private const string WinbinddSocketDirectory = "/run/samba/winbindd";
    private readonly Process _samba;
    private readonly ProcessOutput _output;

    private SambaDomainController(string root, int port, int kdcPort, Process samba, ProcessOutput output, TimeSpan provisioning)
    {
        Root = root;
        Port = port;
        KdcPort = kdcPort;
        _samba = samba;
        _output = output;
        ProvisioningTime = provisioning;
    }

    public string Root { get; }

    /// <summary>The SMB port.</summary>
    public int Port { get; }

    public int KdcPort { get; }

    /// <summary>How long <c>samba-tool domain provision</c> took.</summary>
    public TimeSpan ProvisioningTime { get; }

    public string Krb5Config => Path.Combine(Root, "krb5.conf");

    /// <summary>A keytab with <see cref="UserName"/>'s keys (<c>samba-tool domain exportkeytab</c>).</summary>
    public string Keytab => Path.Combine(Root, "alice.keytab");

    /// <summary>The ticket cache <c>KRB5CCNAME</c> names in this process; empty until <see cref="Kinit"/>.</summary>
    public string TicketCache => Path.Combine(Root, "ccache");

    public string SharePath => Path.Combine(Root, "shares", ShareName);

    private string ConfigFile => Path.Combine(Root, "smb.conf");

    /// <param name="refuseNtlm">False only to compare NTLM with Kerberos on one server (bench/): tests prove Kerberos with NTLM refused.</param>
    public static async Task<SambaDomainController> StartAsync(bool refuseNtlm = true)
    {
        if (!ExternalTool.IsRoot)
        {
            throw new InvalidOperationException("the Samba AD DC fixture runs samba as root; run the tests as root, e.g. through scripts/test.sh in a container.");
        }
        const string hint = "install the Debian packages 'samba-ad-dc' and 'krb5-user'";
        var sambaTool = ExternalTool.Find("samba-tool", hint);
        var sambaPath = ExternalTool.Find("samba", hint);
        ExternalTool.Find("kinit", hint);

        var root = Directory.CreateTempSubdirectory("smbsync-addc-").FullName;
        var dc = Path.Combine(root, "dc");
        var clock = Stopwatch.StartNew();
        ExternalTool.Run(sambaTool,
            ["domain", "provision", $"--targetdir={dc}", $"--realm={Realm}", $"--domain={NetbiosDomain}", $"--host-name={HostName}",
             $"--adminpass={AdminPassword}", "--server-role=dc", "--dns-backend=NONE",
             "--option=interfaces=127.0.0.1", "--option=bind interfaces only=yes"]);
        var provisioning = clock.Elapsed;
        foreach (var dir in new[] { "log", "pid", "ncalrpc", "ntp_signd", Path.Combine("shares", ShareName) })
        {
            Directory.CreateDirectory(Path.Combine(root, dir));
        }
        var port = FreePort.Next();
        var kdcPort = FreePort.Next();
        File.WriteAllText(Path.Combine(root, "smb.conf"), RenderConfig(root, dc, port, kdcPort, refuseNtlm));
        File.WriteAllText(Path.Combine(root, "krb5.conf"), RenderKrb5Config(kdcPort, FreePort.Next()));
        var config = $"--configfile={Path.Combine(root, "smb.conf")}";
        ExternalTool.Run(sambaTool, ["user", "create", UserName, Password, config]);
        ExternalTool.Run(sambaTool, ["user", "create", OtherUserName, OtherPassword, config]);
        ExternalTool.Run(sambaTool, ["domain", "exportkeytab", Path.Combine(root, "alice.keytab"), $"--principal={UserName}@{Realm}", config]);

        // The C environment of this process, for the client under test; child processes inherit it.
        NativeEnvironment.Set("KRB5_CONFIG", Path.Combine(root, "krb5.conf"));
        NativeEnvironment.Set("KRB5CCNAME", "FILE:" + Path.Combine(root, "ccache"));

        // winbindd serves smbd at a fixed socket path (libwbclient reads no setting for it), where every other smbd
        // on the machine would find it and ask it about users it does not know, failing their logons. So samba runs
        // in a mount namespace of its own with a private directory over that path.
        var unshare = ExternalTool.Find("unshare", "install the Debian package 'util-linux'");
        Directory.CreateDirectory(WinbinddSocketDirectory);
        var psi = new ProcessStartInfo(unshare);
        foreach (var a in new[] { "--mount", "--propagation", "private", "/bin/sh", "-c",
            $"mount -t tmpfs -o mode=0755 smbsync-winbindd {WinbinddSocketDirectory} && exec \"$0\" --interactive --debuglevel=1 \"$1\"", sambaPath, config })
        {
            psi.ArgumentList.Add(a);
        }
        var (samba, output) = ProcessOutput.Start(psi, "samba");
        var server = new SambaDomainController(root, port, kdcPort, samba, output, provisioning);
        try
        {
            foreach (var listening in new[] { kdcPort, port })
            {
                await FreePort.WaitUntilListeningAsync(listening, TimeSpan.FromSeconds(60),
                    () => samba.HasExited ? $"samba exited with {samba.ExitCode}: {output}" : $"samba still starting: {output}");
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Gets <see cref="UserName"/> a ticket into <paramref name="cache"/> (default: <see cref="TicketCache"/>) with kinit.</summary>
    public void Kinit(string? cache = null)
    {
        var kinit = ExternalTool.Find("kinit", "install the Debian package 'krb5-user'");
        ExternalTool.Run(kinit, ["-c", "FILE:" + (cache ?? TicketCache), $"{UserName}@{Realm}"], Password + "\n");
    }

    /// <summary>What samba printed so far, for failure messages.</summary>
    public string Output => _output.ToString();

    /// <summary>
    /// The provisioned domain's state, served by the KDC and the file server only (no LDAP, DNS or NetBIOS, so
    /// no fixed ports besides ours), with signing required and NTLM refused. Every socket is under the root but
    /// winbindd's, which is kept from other processes by a mount namespace (see StartAsync).
    /// </summary>
    private static string RenderConfig(string root, string dc, int port, int kdcPort, bool refuseNtlm) => string.Create(CultureInfo.InvariantCulture, $"""
        [global]
          netbios name = {HostName.ToUpperInvariant()}
          workgroup = {NetbiosDomain}
          realm = {Realm}
          server role = active directory domain controller
          server services = s3fs, kdc, winbindd
          private dir = {dc}/private
          state directory = {dc}/state
          cache directory = {dc}/cache
          lock directory = {dc}
          binddns dir = {dc}/bind-dns
          pid directory = {root}/pid
          ncalrpc dir = {root}/ncalrpc
          ntp signd socket directory = {root}/ntp_signd
          log file = {root}/log/log.%m
          interfaces = 127.0.0.1
          bind interfaces only = yes
          smb ports = {port}
          krb5 port = {kdcPort}
          disable netbios = yes
          load printers = no
          printing = bsd
          printcap name = /dev/null
          disable spoolss = yes
          server signing = mandatory
          ntlm auth = {(refuseNtlm ? "disabled" : "ntlmv2-only")}

        [{ShareName}]
          path = {root}/shares/{ShareName}
          read only = no
          force user = root

        [sysvol]
          path = {dc}/state/sysvol
          read only = no
        """);

    private static string RenderKrb5Config(int kdcPort, int closedPort) => string.Create(CultureInfo.InvariantCulture, $"""
        [libdefaults]
          default_realm = {Realm}
          dns_lookup_realm = false
          dns_lookup_kdc = false
          rdns = false
          dns_canonicalize_hostname = false

        [realms]
          {Realm} = {"{"}
            kdc = 127.0.0.1:{kdcPort}
          {"}"}
          {UnreachableRealm} = {"{"}
            kdc = 127.0.0.1:{closedPort}
          {"}"}
        """);

    public async ValueTask DisposeAsync()
    {
        if (!_samba.HasExited)
        {
            _samba.Kill(entireProcessTree: true);
            await _samba.WaitForExitAsync();
        }
        _samba.Dispose();
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
