using System.Runtime.InteropServices;

namespace SmbSyncCluster.Smb.Auth.Kerberos;

/// <summary>
/// The few GSS-API calls (RFC 2744, MIT krb5's <c>libgssapi_krb5.so.2</c>) the Kerberos authenticator makes.
/// </summary>
/// <remarks>
/// Why GSS-API directly rather than <c>System.Net.Security.NegotiateAuthentication</c>, which wraps the same
/// library: SMB signs and encrypts with the Kerberos session key, and NegotiateAuthentication keeps it, and
/// its context handle, private (reaching them by reflection would break on any runtime update). It also
/// folds every failure into a handful of status codes, losing the krb5 minor status that tells clock skew
/// from an unknown SPN or an unreachable KDC, and it cannot take a keytab or ticket cache per credential.
/// Here the context's key comes from <c>gss_inquire_sec_context_by_oid(GSS_C_INQ_SSPI_SESSION_KEY)</c>, the
/// call Samba's own client and server make for the same key, so both sides derive SMB's keys from one value.
/// </remarks>
internal static class GssApi
{
    private const string Library = "libgssapi_krb5.so.2";

    public const uint Complete = 0;
    public const uint ContinueNeeded = 1;
    public const int BothUsage = 0;
    public const int InitiateUsage = 1;
    public const int MechCode = 2;
    public const uint MutualFlag = 2;
    public const uint IntegrityFlag = 32;

    /// <summary>The routine error field of a major status (RFC 2744 3.9.1).</summary>
    public static uint RoutineError(uint major) => major & 0xFFFF0000;

    /// <summary>GSS_S_NO_CRED: no credentials were supplied or could be found.</summary>
    public const uint NoCredentials = 7u << 16;

    [StructLayout(LayoutKind.Sequential)]
    public struct Buffer
    {
        public nuint Length;
        public IntPtr Value;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct KeyValue
    {
        public IntPtr Key;
        public IntPtr Value;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct KeyValueSet
    {
        public uint Count;
        public IntPtr Elements;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct BufferSet
    {
        public nuint Count;
        public IntPtr Elements;
    }

    [DllImport(Library, EntryPoint = "gss_import_name")]
    public static extern uint ImportName(out uint minor, ref Buffer name, IntPtr nameType, out IntPtr output);

    [DllImport(Library, EntryPoint = "gss_release_name")]
    public static extern uint ReleaseName(out uint minor, ref IntPtr name);

    [DllImport(Library, EntryPoint = "gss_acquire_cred")]
    public static extern uint AcquireCredential(
        out uint minor, IntPtr desiredName, uint timeRequested, IntPtr desiredMechs, int usage,
        out IntPtr credential, IntPtr actualMechs, IntPtr timeReceived);

    [DllImport(Library, EntryPoint = "gss_acquire_cred_with_password")]
    public static extern uint AcquireCredentialWithPassword(
        out uint minor, IntPtr desiredName, ref Buffer password, uint timeRequested, IntPtr desiredMechs, int usage,
        out IntPtr credential, IntPtr actualMechs, IntPtr timeReceived);

    [DllImport(Library, EntryPoint = "gss_acquire_cred_from")]
    public static extern uint AcquireCredentialFrom(
        out uint minor, IntPtr desiredName, uint timeRequested, IntPtr desiredMechs, int usage, ref KeyValueSet store,
        out IntPtr credential, IntPtr actualMechs, IntPtr timeReceived);

    [DllImport(Library, EntryPoint = "gss_release_cred")]
    public static extern uint ReleaseCredential(out uint minor, ref IntPtr credential);

    [DllImport(Library, EntryPoint = "gss_init_sec_context")]
    public static extern uint InitSecContext(
        out uint minor, IntPtr credential, ref IntPtr context, IntPtr targetName, IntPtr mech, uint requestFlags,
        uint timeRequested, IntPtr channelBindings, ref Buffer input, IntPtr actualMech, out Buffer output,
        out uint returnedFlags, IntPtr timeReceived);

    [DllImport(Library, EntryPoint = "gss_delete_sec_context")]
    public static extern uint DeleteSecContext(out uint minor, ref IntPtr context, IntPtr outputToken);

    [DllImport(Library, EntryPoint = "gss_inquire_sec_context_by_oid")]
    public static extern uint InquireSecContextByOid(out uint minor, IntPtr context, IntPtr oid, out IntPtr dataSet);

    [DllImport(Library, EntryPoint = "gss_release_buffer_set")]
    public static extern uint ReleaseBufferSet(out uint minor, ref IntPtr dataSet);

    [DllImport(Library, EntryPoint = "gss_verify_mic")]
    public static extern uint VerifyMic(out uint minor, IntPtr context, ref Buffer message, ref Buffer token, IntPtr qop);

    [DllImport(Library, EntryPoint = "gss_release_buffer")]
    public static extern uint ReleaseBuffer(out uint minor, ref Buffer buffer);

    [DllImport(Library, EntryPoint = "gss_display_status")]
    public static extern uint DisplayStatus(out uint minor, uint status, int statusType, IntPtr mech, ref uint messageContext, out Buffer text);

    /// <summary>Copies a buffer GSS-API allocated and releases it.</summary>
    public static byte[] TakeBuffer(ref Buffer buffer)
    {
        var bytes = new byte[(int)buffer.Length];
        if (buffer.Value != IntPtr.Zero)
        {
            Marshal.Copy(buffer.Value, bytes, 0, bytes.Length);
            ReleaseBuffer(out _, ref buffer);
        }
        return bytes;
    }

    /// <summary>The library's text for a mechanism (krb5) minor status, e.g. "Server not found in Kerberos database".</summary>
    public static string DescribeMinor(uint minor)
    {
        uint context = 0;
        if (DisplayStatus(out _, minor, MechCode, IntPtr.Zero, ref context, out var text) != Complete)
        {
            return $"minor status {minor}";
        }
        return System.Text.Encoding.UTF8.GetString(TakeBuffer(ref text));
    }
}
