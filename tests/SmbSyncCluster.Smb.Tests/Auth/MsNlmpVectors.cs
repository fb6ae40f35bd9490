using SmbSyncCluster.Smb.Tests.Crypto;

namespace SmbSyncCluster.Smb.Tests.Auth;

/// <summary>The NTLMv2 example of [MS-NLMP] 4.2.1 and 4.2.4.</summary>
internal static class MsNlmpVectors
{
    public const string User = "User";
    public const string Domain = "Domain";
    public const string Password = "Password";
    public const string Workstation = "COMPUTER";

    public static byte[] ServerChallenge => TestBytes.Hex("0123456789abcdef");
    public static byte[] ClientChallenge => TestBytes.Repeat(0xaa, 8);
    public static byte[] RandomSessionKey => TestBytes.Repeat(0x55, 16);

    /// <summary>4.2.4: MsvAvNbDomainName "Domain", MsvAvNbComputerName "Server", MsvAvEOL.</summary>
    public static byte[] TargetInfo => TestBytes.Hex("02000c0044006f006d00610069006e0001000c0053006500720076006500720000000000");

    /// <summary>4.2.4 flags 0xe28a8233.</summary>
    public const uint ChallengeFlags = 0xe28a8233;

    public static byte[] NtOwfV2 => TestBytes.Hex("0c868a403bfd7a93a3001ef22ef02e3f");
    public static byte[] SessionBaseKey => TestBytes.Hex("8de40ccadbc14a82f15cb0ad0de95ca3");
    public static byte[] LmV2Response => TestBytes.Hex("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa");
    public static byte[] NtProofStr => TestBytes.Hex("68cd0ab851e51c96aabc927bebef6a1c");

    /// <summary>4.2.4.1.3 temp: the blob with time 0, the client challenge and the target info.</summary>
    public static byte[] ClientBlob => TestBytes.Hex("""
        0101000000000000 0000000000000000 aaaaaaaaaaaaaaaa 00000000
        02000c0044006f006d00610069006e0001000c0053006500720076006500720000000000
        00000000
        """);

    public static byte[] EncryptedSessionKey => TestBytes.Hex("c5dad2544fc9799094ce1ce90bc9d03e");

    /// <summary>4.2.4.4 keys derived from the 0x55 exported session key.</summary>
    public static byte[] ClientSigningKey => TestBytes.Hex("4788dc861b4782f35d43fd98fe1a2d39");
    public static byte[] ClientSealingKey => TestBytes.Hex("59f600973cc4960a25480a7c196e4c58");

    /// <summary>4.2.4.3 CHALLENGE_MESSAGE.</summary>
    public static byte[] ChallengeMessage => TestBytes.Hex("""
        4e544c4d53535000020000000c000c003800000033828ae20123456789abcdef
        00000000000000002400240044000000060070170000000f5300650072007600
        6500720002000c0044006f006d00610069006e0001000c005300650072007600
        6500720000000000
        """);

    /// <summary>4.2.4.3 AUTHENTICATE_MESSAGE (no MIC field: the payload starts at offset 72).</summary>
    public static byte[] AuthenticateMessage => TestBytes.Hex("""
        4e544c4d5353500003000000180018006c00000054005400840000000c000c00
        480000000800080054000000100010005c00000010001000d8000000358288e2
        0501280a0000000f44006f006d00610069006e00550073006500720043004f00
        4d005000550054004500520086c35097ac9cec102554764a57cccc19aaaaaaaa
        aaaaaaaa68cd0ab851e51c96aabc927bebef6a1c010100000000000000000000
        00000000aaaaaaaaaaaaaaaa0000000002000c0044006f006d00610069006e00
        01000c005300650072007600650072000000000000000000c5dad2544fc97990
        94ce1ce90bc9d03e
        """);
}
