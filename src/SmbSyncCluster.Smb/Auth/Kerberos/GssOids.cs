using System.Runtime.InteropServices;

namespace SmbSyncCluster.Smb.Auth.Kerberos;

/// <summary>
/// The object identifiers passed to GSS-API, as <c>gss_OID_desc</c> structures in unmanaged memory that lives
/// as long as the process (the library keeps no pointer to them, but they are shared by every call).
/// </summary>
internal static class GssOids
{
    /// <summary>1.2.840.113554.1.2.2, the Kerberos 5 mechanism (RFC 1964), as DER content bytes.</summary>
    public static ReadOnlySpan<byte> Krb5MechBytes => [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x12, 0x01, 0x02, 0x02];

    /// <summary>The Kerberos 5 mechanism.</summary>
    public static IntPtr Krb5Mech { get; } = Allocate(Krb5MechBytes);

    /// <summary>A <c>gss_OID_set</c> holding only the Kerberos 5 mechanism, so that no other mechanism is used.</summary>
    public static IntPtr Krb5MechSet { get; } = AllocateSet(Krb5Mech);

    /// <summary>1.2.840.113554.1.2.2.1, GSS_KRB5_NT_PRINCIPAL_NAME: a name parsed as a Kerberos principal, never canonicalized through DNS.</summary>
    public static IntPtr Krb5PrincipalName { get; } = Allocate([0x2A, 0x86, 0x48, 0x86, 0xF7, 0x12, 0x01, 0x02, 0x02, 0x01]);

    /// <summary>
    /// 1.2.840.113554.1.2.2.5.5, GSS_C_INQ_SSPI_SESSION_KEY: the key SSPI reports as a context's session key
    /// (the acceptor's subkey when there is one), which [MS-SMB2] 3.2.5.3.1 derives SMB's keys from.
    /// </summary>
    public static IntPtr SspiSessionKey { get; } = Allocate([0x2A, 0x86, 0x48, 0x86, 0xF7, 0x12, 0x01, 0x02, 0x02, 0x05, 0x05]);

    /// <summary>Lays out <c>{ OM_uint32 length; void *elements; }</c> followed by the bytes it points to.</summary>
    private static IntPtr Allocate(ReadOnlySpan<byte> oid)
    {
        var header = Marshal.SizeOf<OidDescriptor>();
        var memory = Marshal.AllocHGlobal(header + oid.Length);
        Marshal.StructureToPtr(new OidDescriptor { Length = (uint)oid.Length, Elements = memory + header }, memory, false);
        Marshal.Copy(oid.ToArray(), 0, memory + header, oid.Length);
        return memory;
    }

    /// <summary>Lays out <c>{ size_t count; gss_OID elements; }</c> with one element.</summary>
    private static IntPtr AllocateSet(IntPtr oid)
    {
        var memory = Marshal.AllocHGlobal(Marshal.SizeOf<GssApi.BufferSet>());
        Marshal.StructureToPtr(new GssApi.BufferSet { Count = 1, Elements = oid }, memory, false);
        return memory;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct OidDescriptor
    {
        public uint Length;
        public IntPtr Elements;
    }
}
