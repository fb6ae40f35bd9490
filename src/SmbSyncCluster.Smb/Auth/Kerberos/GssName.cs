using System.Runtime.InteropServices;
using System.Text;

namespace SmbSyncCluster.Smb.Auth.Kerberos;

/// <summary>A GSS-API name imported as a Kerberos principal (<c>user@REALM</c>, <c>cifs/host@REALM</c>).</summary>
internal sealed class GssName : IDisposable
{
    private IntPtr _handle;

    private GssName(IntPtr handle) => _handle = handle;

    public IntPtr Handle => _handle;

    public static GssName Import(string principal)
    {
        var bytes = Encoding.UTF8.GetBytes(principal);
        var pin = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        try
        {
            var buffer = new GssApi.Buffer { Length = (nuint)bytes.Length, Value = pin.AddrOfPinnedObject() };
            var major = GssApi.ImportName(out var minor, ref buffer, GssOids.Krb5PrincipalName, out var handle);
            return major == GssApi.Complete
                ? new GssName(handle)
                : throw new KerberosException($"Kerberos: '{principal}' is not a principal name: {GssApi.DescribeMinor(minor)}");
        }
        finally
        {
            pin.Free();
        }
    }

    public void Dispose()
    {
        if (_handle != IntPtr.Zero)
        {
            GssApi.ReleaseName(out _, ref _handle);
            _handle = IntPtr.Zero;
        }
    }
}
