using CsCheck;
using SmbSyncCluster.Smb.Auth;
using SmbSyncCluster.Smb.Auth.Ntlm;
using SmbSyncCluster.Smb.Auth.Spnego;

namespace SmbSyncCluster.Smb.Tests.Auth;

/// <summary>
/// Whatever a server sends, the parsers and the authenticator may only fail with
/// <see cref="AuthenticationProtocolException"/>: never an index, overflow or allocation failure, never a hang.
/// </summary>
public sealed class HostileTokenTests
{
    private const int Iterations = 20_000;

    // Edits a valid token: overwrite, truncate, insert or delete bytes, a few times over.
    private static readonly Gen<(int Operation, int Position, byte Value)[]> Edits =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 1 << 20], Gen.Byte).Array[1, 6];

    private static readonly Gen<byte[]> RandomBytes = Gen.Byte.Array[0, 600];

    [Fact(Timeout = 120_000)]
    public Task Random_bytes_are_only_ever_protocol_errors_to_the_parsers() => Task.Run(() =>
        RandomBytes.Sample(bytes =>
        {
            OnlyProtocolErrors(() => NtlmChallengeMessage.Parse(bytes));
            OnlyProtocolErrors(() => NegTokenResp.Parse(bytes));
            OnlyProtocolErrors(() => AvPairList.Parse(bytes));
        }, iter: Iterations));

    [Fact(Timeout = 120_000)]
    public Task Random_challenges_behind_a_valid_header_are_only_ever_protocol_errors() => Task.Run(() =>
        RandomBytes.Sample(bytes =>
        {
            byte[] challenge = [.. MsNlmpVectors.ChallengeMessage[..12], .. bytes];
            OnlyProtocolErrors(() => AnswerChallenge(challenge));
            OnlyProtocolErrors(() => AnswerChallenge(new NegTokenResp { State = NegState.AcceptIncomplete, ResponseToken = challenge }.Encode()));
        }, iter: Iterations));

    [Fact(Timeout = 120_000)]
    public Task Mutated_challenges_are_only_ever_protocol_errors() => Task.Run(() =>
        Gen.Select(Gen.Int[0, 2], Edits).Sample((seed, edits) =>
        {
            byte[] valid = seed switch
            {
                0 => MsNlmpVectors.ChallengeMessage,
                1 => WindowsCapture.ChallengeMessage,
                _ => WindowsCapture.ServerChallengeToken,
            };
            OnlyProtocolErrors(() => AnswerChallenge(Apply(valid, edits)));
        }, iter: Iterations));

    [Fact(Timeout = 120_000)]
    public Task Mutated_final_replies_are_only_ever_protocol_errors() => Task.Run(() =>
        Edits.Sample(edits =>
        {
            using var auth = NtlmAuthenticatorTests.SpecAuthenticator(new SmbCredentials("D", "u", "p"));
            auth.Step([]);
            auth.Step(WindowsCapture.ServerChallengeToken);
            OnlyProtocolErrors(() => auth.Complete(Apply(WindowsCapture.ServerFinalToken, edits), admittedAsGuest: false));
        }, iter: Iterations));

    private static void AnswerChallenge(byte[] token)
    {
        using var auth = NtlmAuthenticatorTests.SpecAuthenticator(new SmbCredentials("D", "u", "p"));
        auth.Step([]);
        auth.Step(token);
    }

    private static byte[] Apply(byte[] token, (int Operation, int Position, byte Value)[] edits)
    {
        var bytes = token.ToList();
        foreach (var (operation, position, value) in edits)
        {
            var at = position % (bytes.Count + 1);
            switch (operation)
            {
                case 0 when at < bytes.Count:
                    bytes[at] = value;
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2:
                    bytes.Insert(at, value);
                    break;
                case 3 when at < bytes.Count:
                    bytes.RemoveAt(at);
                    break;
            }
        }
        return [.. bytes];
    }

    private static void OnlyProtocolErrors(Action action)
    {
        try
        {
            action();
        }
        catch (AuthenticationProtocolException)
        {
            // the one acceptable way to refuse a token
        }
    }
}
