using SmbSyncCluster.Smb.Tests.Crypto;

namespace SmbSyncCluster.Smb.Tests.Auth;

/// <summary>
/// A real Windows 10 client authenticating to a Windows server with NTLM over SPNEGO: the SESSION_SETUP
/// security buffers of the SMB 3.1.1 first-channel example in Microsoft's Open Specifications blog "SMB 2
/// and SMB 3 security in Windows 10: the anatomy of signing and cryptographic keys" (Appendix). The
/// password is not published, but the session key is, so the MIC and both mechListMICs can be checked.
/// </summary>
internal static class WindowsCapture
{
    /// <summary>The exported session key ("Input cryptographicKey (SessionKey)").</summary>
    public static byte[] SessionKey => TestBytes.Hex("270E1BA896585EEB7AF3472D3B4C75A7");

    /// <summary>Client NegTokenInit carrying NEGOTIATE (flags 0xE2088297, version 6.3.9600).</summary>
    public static byte[] ClientNegTokenInit => TestBytes.Hex("""
        604806062B0601050502A03E303CA00E300C060A2B06010401823702020AA22A
        04284E544C4D5353500001000000978208E20000000000000000000000000000
        0000060380250000000F
        """);

    /// <summary>Server NegTokenResp: accept-incomplete, NTLMSSP, CHALLENGE with MsvAvTimestamp.</summary>
    public static byte[] ServerChallengeToken => TestBytes.Hex("""
        A181B03081ADA0030A0101A10C060A2B06010401823702020AA2819704819
        44E544C4D53535000020000000C000C003800000015828AE20D1D8BA31179D008
        000000000000000050005000440000000A0092270000000F5300550054003300
        3100310002000C0053005500540033003100310001000C005300550054003300
        3100310004000C0053005500540033003100310003000C005300550054003300
        3100310007000800A1A1F5ADCBAED00100000000
        """);

    /// <summary>Client NegTokenResp: accept-incomplete, AUTHENTICATE with MIC, mechListMIC.</summary>
    public static byte[] ClientAuthenticateToken => TestBytes.Hex("""
        A18201CB308201C7A0030A0101A28201AA048201A64E544C4D53535000030000
        001800180090000000EE00EE00A80000000C000C00580000001A001A00640000
        00120012007E0000001000100096010000158288E2060380250000000FECAC77
        A5F385A8BF9C38C706EEEDDCD353005500540033003100310061006400
        6D0069006E006900730074007200610074006F00720044005200490056004500
        5200330031003100000000000000000000000000000000000000000000000000
        63078EB639FE03E20A231C3AE3BF23080101000000000000A1A1F5ADCBAED001
        BC4AD05F223CC90F0000000002000C0053005500540033003100310001000C00
        53005500540033003100310004000C0053005500540033003100310003000C00
        53005500540033003100310007000800A1A1F5ADCBAED0010600040002000000
        0800300030000000000000000000000000300000B61FEFCAA857EA57BF1EDCEB
        F8974B8E0EBA5A6DFD9D07A31D11B548F8C9D0CC0A0010000000000000000000
        0000000000000000090016006300690066007300 2F0053005500540033003100
        31000000000000000000000000003B9BDFF38F5EE8F9663F11A0F4C03A78A312
        04100100000063775A9A5FD97F0600000000
        """);

    /// <summary>Server NegTokenResp: accept-completed with its mechListMIC.</summary>
    public static byte[] ServerFinalToken => TestBytes.Hex("A11B3019A0030A0100A3120410010000003B453CDC3524164200000000");

    public static byte[] ClientMechListMic => TestBytes.Hex("0100000063775A9A5FD97F0600000000");

    public static byte[] ServerMechListMic => TestBytes.Hex("010000003B453CDC3524164200000000");

    public static byte[] Mic => TestBytes.Hex("ECAC77A5F385A8BF9C38C706EEEDDCD3");

    /// <summary>The NTLM messages inside the SPNEGO tokens (NEGOTIATE is the last 40 bytes of the init token).</summary>
    public static byte[] NegotiateMessage => ClientNegTokenInit[^40..];

    public static byte[] ChallengeMessage => ServerChallengeToken[^148..];

    public static byte[] AuthenticateMessage => ClientAuthenticateToken[21..^20];
}
