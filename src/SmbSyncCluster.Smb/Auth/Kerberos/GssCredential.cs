using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace SmbSyncCluster.Smb.Auth.Kerberos;

/// <summary>
/// A GSS-API initiator credential for the Kerberos mechanism: from a password, from a keytab file, or from
/// what MIT krb5 finds by itself (the ticket cache <c>KRB5CCNAME</c> names, then the client keytab
/// <c>KRB5_CLIENT_KTNAME</c>).
/// </summary>
internal sealed class GssCredential : IDisposable
{
    private IntPtr _handle;

    private GssCredential(IntPtr handle) => _handle = handle;

    public IntPtr Handle => _handle;

    /// <summary>Acquires the credential or throws <see cref="KerberosException"/> with the failure's line.</summary>
    /// <param name="principal">The client principal, or null for the ticket cache's default one.</param>
    /// <param name="password">A password to get a ticket with (kept in memory only), or null.</param>
    /// <param name="keytab">A keytab file to get a ticket with, or null.</param>
    /// <param name="spn">The service the credential is for, named in errors.</param>
    public static GssCredential Acquire(string? principal, string? password, string? keytab, string spn)
    {
        using var name = principal is null ? null : GssName.Import(principal);
        var nameHandle = name?.Handle ?? IntPtr.Zero;
        uint major, minor;
        IntPtr handle;
        if (password is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(password);
            var pin = GCHandle.Alloc(bytes, GCHandleType.Pinned);
            try
            {
                var buffer = new GssApi.Buffer { Length = (nuint)bytes.Length, Value = pin.AddrOfPinnedObject() };
                major = GssApi.AcquireCredentialWithPassword(out minor, nameHandle, ref buffer, 0, GssOids.Krb5MechSet, GssApi.InitiateUsage, out handle, IntPtr.Zero, IntPtr.Zero);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(bytes);
                pin.Free();
            }
        }
        else if (keytab is not null)
        {
            major = AcquireFromKeytab(nameHandle, principal, keytab, out minor, out handle);
        }
        else
        {
            major = GssApi.AcquireCredential(out minor, nameHandle, 0, GssOids.Krb5MechSet, GssApi.InitiateUsage, out handle, IntPtr.Zero, IntPtr.Zero);
        }
        if (major != GssApi.Complete)
        {
            throw new KerberosException(KerberosFailure.Describe(major, minor, principal, spn, GssApi.DescribeMinor(minor)));
        }
        return new GssCredential(handle);
    }

    /// <summary>
    /// Tickets got from a keytab go to an in-memory cache of that keytab and principal, never to the user's
    /// default cache, and are reused by the next connection until they expire (then the keytab is read again).
    /// </summary>
    private static uint AcquireFromKeytab(IntPtr name, string? principal, string keytab, out uint minor, out IntPtr handle)
    {
        var cacheId = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{keytab}\n{principal}")))[..32];
        var strings = new[] { "client_keytab", "FILE:" + Path.GetFullPath(keytab), "ccache", "MEMORY:smbsync-" + cacheId }
            .Select(Marshal.StringToCoTaskMemUTF8).ToArray();
        var elements = Marshal.AllocHGlobal(Marshal.SizeOf<GssApi.KeyValue>() * 2);
        try
        {
            Marshal.StructureToPtr(new GssApi.KeyValue { Key = strings[0], Value = strings[1] }, elements, false);
            Marshal.StructureToPtr(new GssApi.KeyValue { Key = strings[2], Value = strings[3] }, elements + Marshal.SizeOf<GssApi.KeyValue>(), false);
            var store = new GssApi.KeyValueSet { Count = 2, Elements = elements };
            return GssApi.AcquireCredentialFrom(out minor, name, 0, GssOids.Krb5MechSet, GssApi.InitiateUsage, ref store, out handle, IntPtr.Zero, IntPtr.Zero);
        }
        finally
        {
            Marshal.FreeHGlobal(elements);
            foreach (var s in strings)
            {
                Marshal.FreeCoTaskMem(s);
            }
        }
    }

    public void Dispose()
    {
        if (_handle != IntPtr.Zero)
        {
            GssApi.ReleaseCredential(out _, ref _handle);
            _handle = IntPtr.Zero;
        }
    }
}
