using System.Diagnostics;
using SmbSyncCluster.Smb;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Testing;

namespace SmbSyncCluster.Bench;

/// <summary>
/// What Kerberos costs a connection: connect, negotiate, session setup and tree connect to a Samba AD DC on
/// loopback (NTLM allowed there, so both run against one server), N times each, with NTLMv2, with Kerberos
/// from a password (a ticket from the KDC at every connection: AS and TGS exchanges), and with Kerberos from
/// a ticket cache filled by kinit (the service ticket is cached after the first connection).
/// </summary>
internal static class KerberosBench
{
    public static async Task RunAsync(int connections)
    {
        await using var dc = await SambaDomainController.StartAsync(refuseNtlm: false);
        Console.WriteLine($"Samba AD DC on loopback (provisioned in {dc.ProvisioningTime.TotalSeconds:0.0} s); {connections} connections each, connect + tree connect");
        dc.Kinit();
        var realm = SambaDomainController.Realm;
        var cases = new (string Name, SmbCredentials Credentials, SmbAuthMethod Method)[]
        {
            ("NTLMv2", new(SambaDomainController.NetbiosDomain, SambaDomainController.UserName, SambaDomainController.Password), SmbAuthMethod.Ntlm),
            ("Kerberos, password", new(realm, SambaDomainController.UserName, SambaDomainController.Password), SmbAuthMethod.Kerberos),
            ("Kerberos, ticket cache", new(realm, SambaDomainController.UserName, ""), SmbAuthMethod.Kerberos),
        };
        foreach (var (name, credentials, method) in cases)
        {
            var options = new SmbClientOptions
            {
                Host = "127.0.0.1", Port = dc.Port, Credentials = credentials, Authentication = method,
                ServicePrincipal = SambaDomainController.ServicePrincipal,
            };
            await ConnectAsync(options); // warm-up: JIT, the first service ticket
            var times = new List<double>(connections);
            for (var i = 0; i < connections; i++)
            {
                var clock = Stopwatch.StartNew();
                await ConnectAsync(options);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"{name,-24} min {times[0],6:0.00} ms  median {times[times.Count / 2],6:0.00} ms  p90 {times[times.Count * 9 / 10],6:0.00} ms");
        }
    }

    private static async Task ConnectAsync(SmbClientOptions options)
    {
        await using var client = await SmbShareClient.ConnectAsync(options, SambaDomainController.ShareName);
    }
}
