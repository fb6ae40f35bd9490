using System.Runtime.InteropServices;

namespace SmbSyncCluster.Testing;

/// <summary>
/// Sets a variable in the process's C environment as well as .NET's: .NET keeps its own copy, and native
/// libraries (MIT krb5 reading KRB5_CONFIG and KRB5CCNAME) only see the C one.
/// </summary>
public static class NativeEnvironment
{
    public static void Set(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (setenv(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"setenv {name} failed");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
