namespace SmbSyncCluster.Smb.Errors;

/// <summary>The server answered a request with an error NTSTATUS. Subclasses name the cases callers act on.</summary>
public class SmbStatusException : SmbException
{
    /// <summary>Creates the exception for <paramref name="status"/>.</summary>
    public SmbStatusException(NtStatus status, string message) : base($"{message}: {Describe(status)}") => Status = status;

    /// <summary>The status the server returned.</summary>
    public NtStatus Status { get; }

    /// <summary>The NTSTATUS as its symbolic name and hex value, e.g. STATUS_ACCESS_DENIED (0xC0000022).</summary>
    public static string Describe(NtStatus status) =>
        Enum.IsDefined(status)
            ? $"STATUS_{ToUpperSnake(status.ToString())} (0x{(uint)status:X8})"
            : $"NTSTATUS 0x{(uint)status:X8}";

    private static string ToUpperSnake(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));

    /// <summary>Maps a status to the most specific exception type.</summary>
    public static SmbStatusException From(NtStatus status, string message) => status switch
    {
        NtStatus.AccessDenied or NtStatus.NetworkAccessDenied or NtStatus.MediaWriteProtected
            or NtStatus.PrivilegeNotHeld or NtStatus.CannotDelete => new SmbAccessDeniedException(status, message),
        NtStatus.ObjectNameNotFound or NtStatus.ObjectPathNotFound or NtStatus.NoSuchFile
            or NtStatus.DeletePending => new SmbNotFoundException(status, message),
        NtStatus.ObjectNameCollision => new SmbNameCollisionException(status, message),
        NtStatus.SharingViolation => new SmbSharingViolationException(status, message),
        NtStatus.DiskFull or NtStatus.QuotaExceeded => new SmbDiskFullException(status, message),
        NtStatus.LogonFailure or NtStatus.AccountRestriction or NtStatus.PasswordExpired
            or NtStatus.AccountDisabled or NtStatus.NtlmBlocked => new SmbAuthenticationException(status, message),
        NtStatus.BadNetworkName => new SmbShareNotFoundException(status, message),
        NtStatus.DirectoryNotEmpty => new SmbDirectoryNotEmptyException(status, message),
        NtStatus.ObjectNameInvalid or NtStatus.ObjectPathInvalid or NtStatus.ObjectPathSyntaxBad
            => new SmbInvalidNameException(status, message),
        NtStatus.NotADirectory or NtStatus.FileIsADirectory => new SmbWrongKindException(status, message),
        NtStatus.UserSessionDeleted or NtStatus.NetworkSessionExpired or NtStatus.NetworkNameDeleted
            or NtStatus.InsufficientResources or NtStatus.RequestNotAccepted
            or NtStatus.ConnectionDisconnected or NtStatus.ConnectionReset => new SmbServerBusyException(status, message),
        _ => new SmbStatusException(status, message),
    };
}

/// <summary>Access denied (also a write to a read-only share or a file the user may not delete).</summary>
public sealed class SmbAccessDeniedException(NtStatus status, string message) : SmbStatusException(status, message);

/// <summary>The file or one of its parent directories does not exist.</summary>
public sealed class SmbNotFoundException(NtStatus status, string message) : SmbStatusException(status, message);

/// <summary>A file or directory of that name already exists.</summary>
public sealed class SmbNameCollisionException(NtStatus status, string message) : SmbStatusException(status, message);

/// <summary>Another open of the file does not allow this access (transient: the other side may close it).</summary>
public sealed class SmbSharingViolationException(NtStatus status, string message) : SmbStatusException(status, message);

/// <summary>The share is out of space or over quota.</summary>
public sealed class SmbDiskFullException(NtStatus status, string message) : SmbStatusException(status, message);

/// <summary>The server refused the credentials (wrong user or password, disabled or expired account).</summary>
public sealed class SmbAuthenticationException(NtStatus status, string message) : SmbStatusException(status, message);

/// <summary>The share named does not exist on the server.</summary>
public sealed class SmbShareNotFoundException(NtStatus status, string message) : SmbStatusException(status, message);

/// <summary>A directory could not be deleted because it still holds entries.</summary>
public sealed class SmbDirectoryNotEmptyException(NtStatus status, string message) : SmbStatusException(status, message);

/// <summary>The server rejects the name as invalid for its file system.</summary>
public sealed class SmbInvalidNameException(NtStatus status, string message) : SmbStatusException(status, message);

/// <summary>A file was found where a directory was expected, or the reverse.</summary>
public sealed class SmbWrongKindException(NtStatus status, string message) : SmbStatusException(status, message);

/// <summary>The server dropped the session or tree, or is short of resources: transient, retry after reconnecting.</summary>
public sealed class SmbServerBusyException(NtStatus status, string message) : SmbStatusException(status, message);
