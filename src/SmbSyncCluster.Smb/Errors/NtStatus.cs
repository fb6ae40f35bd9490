namespace SmbSyncCluster.Smb.Errors;

/// <summary>The NTSTATUS values this client tells apart ([MS-ERREF] 2.3.1).</summary>
public enum NtStatus : uint
{
    /// <summary>STATUS_SUCCESS.</summary>
    Success = 0x00000000,
    /// <summary>STATUS_PENDING: an interim response; the real one follows ([MS-SMB2] 3.2.5.1.5).</summary>
    Pending = 0x00000103,
    /// <summary>STATUS_NOTIFY_CLEANUP: a change notification ended because its directory handle was closed.</summary>
    NotifyCleanup = 0x0000010B,
    /// <summary>STATUS_NOTIFY_ENUM_DIR: the server dropped change notifications; the directory must be enumerated again.</summary>
    NotifyEnumDir = 0x0000010C,
    /// <summary>STATUS_BUFFER_OVERFLOW: a warning, the data returned is truncated.</summary>
    BufferOverflow = 0x80000005,
    /// <summary>STATUS_NO_MORE_FILES: the end of a directory enumeration.</summary>
    NoMoreFiles = 0x80000006,
    /// <summary>STATUS_UNSUCCESSFUL.</summary>
    Unsuccessful = 0xC0000001,
    /// <summary>STATUS_NOT_IMPLEMENTED.</summary>
    NotImplemented = 0xC0000002,
    /// <summary>STATUS_INVALID_HANDLE.</summary>
    InvalidHandle = 0xC0000008,
    /// <summary>STATUS_INVALID_PARAMETER.</summary>
    InvalidParameter = 0xC000000D,
    /// <summary>STATUS_NO_SUCH_FILE.</summary>
    NoSuchFile = 0xC000000F,
    /// <summary>STATUS_END_OF_FILE.</summary>
    EndOfFile = 0xC0000011,
    /// <summary>STATUS_MORE_PROCESSING_REQUIRED: authentication continues.</summary>
    MoreProcessingRequired = 0xC0000016,
    /// <summary>STATUS_ACCESS_DENIED.</summary>
    AccessDenied = 0xC0000022,
    /// <summary>STATUS_BUFFER_TOO_SMALL.</summary>
    BufferTooSmall = 0xC0000023,
    /// <summary>STATUS_OBJECT_NAME_INVALID.</summary>
    ObjectNameInvalid = 0xC0000033,
    /// <summary>STATUS_OBJECT_NAME_NOT_FOUND.</summary>
    ObjectNameNotFound = 0xC0000034,
    /// <summary>STATUS_OBJECT_NAME_COLLISION.</summary>
    ObjectNameCollision = 0xC0000035,
    /// <summary>STATUS_OBJECT_PATH_INVALID.</summary>
    ObjectPathInvalid = 0xC0000039,
    /// <summary>STATUS_OBJECT_PATH_NOT_FOUND.</summary>
    ObjectPathNotFound = 0xC000003A,
    /// <summary>STATUS_OBJECT_PATH_SYNTAX_BAD.</summary>
    ObjectPathSyntaxBad = 0xC000003B,
    /// <summary>STATUS_SHARING_VIOLATION.</summary>
    SharingViolation = 0xC0000043,
    /// <summary>STATUS_DELETE_PENDING.</summary>
    DeletePending = 0xC0000056,
    /// <summary>STATUS_PRIVILEGE_NOT_HELD.</summary>
    PrivilegeNotHeld = 0xC0000061,
    /// <summary>STATUS_LOGON_FAILURE.</summary>
    LogonFailure = 0xC000006D,
    /// <summary>STATUS_ACCOUNT_RESTRICTION.</summary>
    AccountRestriction = 0xC000006E,
    /// <summary>STATUS_PASSWORD_EXPIRED.</summary>
    PasswordExpired = 0xC0000071,
    /// <summary>STATUS_NTLM_BLOCKED: the server refuses NTLM logons (Kerberos only).</summary>
    NtlmBlocked = 0xC0000418,
    /// <summary>STATUS_ACCOUNT_DISABLED.</summary>
    AccountDisabled = 0xC0000072,
    /// <summary>STATUS_INSUFFICIENT_RESOURCES.</summary>
    InsufficientResources = 0xC000009A,
    /// <summary>STATUS_MEDIA_WRITE_PROTECTED.</summary>
    MediaWriteProtected = 0xC00000A2,
    /// <summary>STATUS_FILE_IS_A_DIRECTORY.</summary>
    FileIsADirectory = 0xC00000BA,
    /// <summary>STATUS_NOT_SUPPORTED.</summary>
    NotSupported = 0xC00000BB,
    /// <summary>STATUS_NETWORK_NAME_DELETED.</summary>
    NetworkNameDeleted = 0xC00000C9,
    /// <summary>STATUS_NETWORK_ACCESS_DENIED.</summary>
    NetworkAccessDenied = 0xC00000CA,
    /// <summary>STATUS_BAD_NETWORK_NAME: the share does not exist.</summary>
    BadNetworkName = 0xC00000CC,
    /// <summary>STATUS_REQUEST_NOT_ACCEPTED.</summary>
    RequestNotAccepted = 0xC00000D0,
    /// <summary>STATUS_DIRECTORY_NOT_EMPTY.</summary>
    DirectoryNotEmpty = 0xC0000101,
    /// <summary>STATUS_NOT_A_DIRECTORY.</summary>
    NotADirectory = 0xC0000103,
    /// <summary>STATUS_CANCELLED.</summary>
    Cancelled = 0xC0000120,
    /// <summary>STATUS_CANNOT_DELETE.</summary>
    CannotDelete = 0xC0000121,
    /// <summary>STATUS_FILE_CLOSED.</summary>
    FileClosed = 0xC0000128,
    /// <summary>STATUS_CONNECTION_DISCONNECTED.</summary>
    ConnectionDisconnected = 0xC000020C,
    /// <summary>STATUS_CONNECTION_RESET.</summary>
    ConnectionReset = 0xC000020D,
    /// <summary>STATUS_USER_SESSION_DELETED: the session expired or was closed.</summary>
    UserSessionDeleted = 0xC0000203,
    /// <summary>STATUS_NETWORK_SESSION_EXPIRED.</summary>
    NetworkSessionExpired = 0xC000035C,
    /// <summary>STATUS_DISK_FULL.</summary>
    DiskFull = 0xC000007F,
    /// <summary>STATUS_QUOTA_EXCEEDED.</summary>
    QuotaExceeded = 0xC0000044,
    /// <summary>STATUS_FILE_INVALID.</summary>
    FileInvalid = 0xC0000098,
}
