using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Security.Cryptography;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Smb.Security;

namespace SmbSyncCluster.Smb.Connection;

/// <summary>
/// One TCP connection to an SMB server ([MS-SMB2] 2.1, direct TCP): negotiates the dialect, then
/// multiplexes any number of concurrent requests over it. A single receive loop matches responses to
/// requests by MessageId, grants credits back, verifies signatures and decrypts. Any transport or
/// protocol failure fails every waiting request and the connection for good; the owner reconnects.
/// </summary>
internal sealed class Smb2Connection : IAsyncDisposable
{
    private const uint CapabilityLargeMtu = 0x00000004;
    private const uint CapabilityEncryption = 0x00000040;
    private const ushort SigningEnabled = 0x0001;
    private const ushort SigningRequired = 0x0002;
    private const int SmallIoLimit = 64 * 1024;
    private const int NetBiosHeaderSize = 4;
    private const int MaxNetBiosLength = 0xFFFFFF;
    private const int CreditUnit = 65536;
    private const int DirectPayloadThreshold = 64 * 1024;

    private static readonly Smb2SigningAlgorithm[] OfferedSigningAlgorithms =
        [Smb2SigningAlgorithm.AesGmac, Smb2SigningAlgorithm.AesCmac, Smb2SigningAlgorithm.HmacSha256];

    /// <summary>A header and an ERROR body with no data ([MS-SMB2] 2.2.2), padded to 8 bytes in a chain.</summary>
    private const int InterimResponseMaxLength = Smb2Header.Size + 16;

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly BufferedStream _reader;
    private readonly SmbClientOptions _options;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly FileSender _fileSender;
    private readonly ConcurrentDictionary<ulong, PendingRequest> _pending = new();
    private readonly CreditPool _credits = new(1);
    private ulong _nextMessageId;
    private int _maxFrame = 1024 * 1024;
    private Exception? _failure;
    private int _disposed;
    private Task _receiveLoop = Task.CompletedTask;

    private Smb2Connection(TcpClient tcp, SmbClientOptions options)
    {
        _tcp = tcp;
        _options = options;
        _stream = tcp.GetStream();
        _reader = new BufferedStream(_stream, 256 * 1024);
        _fileSender = new FileSender(tcp.Client);
    }

    public NegotiateResponse Negotiated { get; private set; } = null!;

    /// <summary>What this client offered in NEGOTIATE, for VALIDATE_NEGOTIATE_INFO to repeat.</summary>
    public NegotiateRequest Offered { get; private set; } = null!;
    public Smb2Dialect Dialect => Negotiated.Dialect;
    public Smb2Cipher Cipher { get; private set; }
    public Smb2SigningAlgorithm SigningAlgorithm { get; private set; }
    public bool ServerRequiresSigning => (Negotiated.SecurityMode & SigningRequired) != 0;
    public int MaxReadSize { get; private set; }
    public int MaxWriteSize { get; private set; }
    public int MaxTransactSize { get; private set; }

    /// <summary>The pre-authentication hash after NEGOTIATE (3.1.1 only); sessions continue it.</summary>
    public PreauthHash? Preauth { get; private set; }

    /// <summary>The session whose keys verify and decrypt what arrives (one session per connection here).</summary>
    public Smb2Session? Session { get; set; }

    public bool IsAlive => Volatile.Read(ref _failure) is null;

    public string Endpoint => $"{_options.Host}:{_options.Port}";

    public static async Task<Smb2Connection> ConnectAsync(SmbClientOptions options, CancellationToken ct)
    {
        var tcp = new TcpClient { NoDelay = true, ReceiveBufferSize = 4 * 1024 * 1024, SendBufferSize = 4 * 1024 * 1024 };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.ConnectTimeout);
            await tcp.ConnectAsync(options.Host, options.Port, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            tcp.Dispose();
            var reason = e is SocketException se ? se.SocketErrorCode.ToString() : "timed out";
            throw new SmbConnectionException($"cannot connect to {options.Host}:{options.Port}: {reason}", e);
        }
        var connection = new Smb2Connection(tcp, options);
        connection._receiveLoop = Task.Run(connection.ReceiveLoopAsync, CancellationToken.None);
        try
        {
            await connection.NegotiateAsync(ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return connection;
    }

    private async Task NegotiateAsync(CancellationToken ct)
    {
        var dialects = _options.Dialects;
        var request = new NegotiateRequest
        {
            Dialects = dialects,
            SecurityMode = _options.RequireSigning ? (ushort)(SigningEnabled | SigningRequired) : SigningEnabled,
            Capabilities = CapabilityLargeMtu | CapabilityEncryption,
            ClientGuid = Guid.NewGuid(),
            PreauthSalt = RandomNumberGenerator.GetBytes(32),
            Ciphers = _options.Ciphers,
            SigningAlgorithms = OfferedSigningAlgorithms,
        };
        var preauth = new PreauthHash();
        using var response = (await SendAsync([request], new RequestContext(Preauth: preauth), ct))[0].EnsureSuccess("NEGOTIATE");
        var negotiated = NegotiateResponse.Parse(response.Span);
        if (!dialects.Contains(negotiated.Dialect))
        {
            throw new SmbProtocolException($"server chose dialect {negotiated.Dialect}, which was not offered");
        }
        Negotiated = negotiated;
        Offered = request;
        if (negotiated.Dialect == Smb2Dialect.Smb311)
        {
            // Only what was offered can be used: anything else is a broken or forged answer, not a fallback.
            if (negotiated.Cipher != Smb2Cipher.None && !_options.Ciphers.Contains(negotiated.Cipher))
            {
                throw new SmbProtocolException($"server chose cipher 0x{(ushort)negotiated.Cipher:X4}, which was not offered");
            }
            if (negotiated.SigningAlgorithm is { } algorithm && !OfferedSigningAlgorithms.Contains(algorithm))
            {
                throw new SmbProtocolException($"server chose signing algorithm 0x{(ushort)algorithm:X4}, which was not offered");
            }
            preauth.Update(response.Span);
            Preauth = preauth;
            Cipher = negotiated.Cipher;
            SigningAlgorithm = negotiated.SigningAlgorithm ?? Smb2SigningAlgorithm.AesCmac;
        }
        else if (negotiated.Dialect >= Smb2Dialect.Smb300)
        {
            Cipher = (negotiated.Capabilities & CapabilityEncryption) != 0 ? Smb2Cipher.Aes128Ccm : Smb2Cipher.None;
            SigningAlgorithm = Smb2SigningAlgorithm.AesCmac;
        }
        else
        {
            SigningAlgorithm = Smb2SigningAlgorithm.HmacSha256;
        }
        var largeMtu = negotiated.Dialect >= Smb2Dialect.Smb210 && (negotiated.Capabilities & CapabilityLargeMtu) != 0;
        MaxReadSize = Clamp(negotiated.MaxReadSize, largeMtu);
        MaxWriteSize = Clamp(negotiated.MaxWriteSize, largeMtu);
        MaxTransactSize = Clamp(negotiated.MaxTransactSize, largeMtu);
        // The largest legal frame: the biggest payload we will ask for, plus headers and a transform header.
        _maxFrame = Math.Max(Math.Max(MaxReadSize, MaxWriteSize), MaxTransactSize) + (64 * 1024);
    }

    private int Clamp(uint serverMax, bool largeMtu) =>
        (int)Math.Max(4096, Math.Min(serverMax, largeMtu ? (uint)_options.MaxIoSize : SmallIoLimit));

    /// <summary>
    /// Sends one request, or several as a compound chain in one frame, and returns their responses in
    /// order. The caller disposes the responses. <c>reservedCharge</c> is the credits already taken with
    /// <see cref="ReserveIoAsync"/> for this one request, or 0 to take them here.
    /// </summary>
    public async Task<Smb2Message[]> SendAsync(
        IReadOnlyList<Smb2Request> requests, RequestContext context, CancellationToken ct, int reservedCharge = 0)
    {
        ThrowIfFailed();
        var count = requests.Count;
        var charges = new int[count];
        var sizes = new int[count];
        var totalCharge = 0;
        var plainLength = 0;
        for (var i = 0; i < count; i++)
        {
            charges[i] = CreditCharge(requests[i].PayloadSize);
            totalCharge += charges[i];
            var size = Smb2Header.Size + requests[i].BodySize;
            sizes[i] = i < count - 1 ? NegotiateContext.Align8(size) : size;
            plainLength += sizes[i];
        }

        if (reservedCharge == 0)
        {
            await WaitForCreditsAsync(_credits.AcquireRangeAsync(totalCharge, totalCharge, ct).AsTask(), ct);
        }
        else if (totalCharge > reservedCharge)
        {
            _credits.Release(reservedCharge);
            throw new ArgumentException($"request needs {totalCharge} credits but only {reservedCharge} were reserved");
        }
        else
        {
            _credits.Release(reservedCharge - totalCharge);
        }
        var pendings = new PendingRequest[count];
        var ids = new ulong[count];
        var sent = false;
        try
        {
            await _sendLock.WaitAsync(ct);
            try
            {
                ThrowIfFailed();
                for (var i = 0; i < count; i++)
                {
                    ids[i] = _nextMessageId;
                    _nextMessageId += (ulong)charges[i];
                    pendings[i] = new PendingRequest(requests[i].Command, context.Session, context.Sign, context.Encrypt);
                    _pending[ids[i]] = pendings[i];
                }
                await WriteFrameAsync(requests, context, charges, sizes, ids, plainLength);
                sent = true;
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception e)
        {
            if (!sent)
            {
                for (var i = 0; i < count && pendings[i] is not null; i++)
                {
                    _pending.TryRemove(ids[i], out _);
                }
                _credits.Release(totalCharge);
            }
            if (e is IOException or SocketException or ObjectDisposedException)
            {
                throw Fail(new SmbConnectionException($"connection to {Endpoint} lost while sending", e));
            }
            throw;
        }
        return await AwaitResponsesAsync(pendings, ids, ct);
    }

    /// <summary>
    /// Takes credits for one READ or WRITE of up to <paramref name="wantedBytes"/>: at least one credit,
    /// more when granted ones are there. Returns the credits taken and the bytes they cover; pass the
    /// credits to <see cref="SendAsync"/> as <c>reservedCharge</c>.
    /// </summary>
    public async Task<(int Charge, int Bytes)> ReserveIoAsync(int wantedBytes, CancellationToken ct)
    {
        ThrowIfFailed();
        var multiCredit = Negotiated.Dialect >= Smb2Dialect.Smb210;
        var maxCharge = multiCredit ? Math.Max(1, (wantedBytes + CreditUnit - 1) / CreditUnit) : 1;
        var charge = await WaitForCreditsAsync(_credits.AcquireRangeAsync(1, maxCharge, ct).AsTask(), ct);
        return (charge, multiCredit ? Math.Min(wantedBytes, charge * CreditUnit) : wantedBytes);
    }

    /// <summary>Gives back credits taken with <see cref="ReserveIoAsync"/> for a request that will not be sent.</summary>
    public void ReleaseReserved(int charge) => _credits.Release(charge);

    /// <summary>Waits for credits no longer than a request may wait for its response: a server that grants none is dead.</summary>
    private async Task<T> WaitForCreditsAsync<T>(Task<T> acquire, CancellationToken ct)
    {
        try
        {
            return await acquire.WaitAsync(_options.RequestTimeout, ct);
        }
        catch (TimeoutException e)
        {
            throw Fail(new SmbConnectionException($"{Endpoint} granted no credits within {_options.RequestTimeout.TotalSeconds:0}s", e));
        }
    }

    private async Task<Smb2Message[]> AwaitResponsesAsync(PendingRequest[] pendings, ulong[] ids, CancellationToken ct)
    {
        var responses = new Smb2Message[pendings.Length];
        var received = 0;
        try
        {
            for (; received < pendings.Length; received++)
            {
                responses[received] = await pendings[received].Task.WaitAsync(_options.RequestTimeout, ct);
            }
            return responses;
        }
        catch (Exception e)
        {
            for (var i = 0; i < received; i++)
            {
                responses[i].Dispose();
            }
            // An abandoned request stays registered until its response comes: the receive loop still
            // checks that response, takes its credits and drops it.
            foreach (var pending in pendings)
            {
                pending.TrySetCanceled(CancellationToken.None);
            }
            if (e is TimeoutException)
            {
                // A server that stops answering one request cannot be trusted with the next: drop it.
                throw Fail(new SmbConnectionException($"{Endpoint} did not answer within {_options.RequestTimeout.TotalSeconds:0}s", e));
            }
            throw;
        }
    }

    private int CreditCharge(int payload) =>
        Negotiated is { Dialect: >= Smb2Dialect.Smb210 } && payload > 0 ? ((payload - 1) / CreditUnit) + 1 : 1;

    private async Task WriteFrameAsync(
        IReadOnlyList<Smb2Request> requests, RequestContext context, int[] charges, int[] sizes, ulong[] ids, int plainLength)
    {
        var encrypt = context.Encrypt && context.Session?.Cryptor is not null;
        var frameLength = NetBiosHeaderSize + (encrypt ? TransformHeader.Size : 0) + plainLength;
        if (frameLength - NetBiosHeaderSize > MaxNetBiosLength)
        {
            throw new ArgumentException($"request of {plainLength} bytes exceeds the transport's frame limit");
        }
        // A plain single WRITE goes out as two socket writes, its data straight from the caller's buffer
        // or file: signing, encryption and compounding need the whole message in one buffer.
        var direct = context.Plain && requests.Count == 1
            && (requests[0].PayloadFile is not null || requests[0].Payload.Length >= DirectPayloadThreshold);
        if (direct)
        {
            await WriteDirectAsync(requests[0], context, charges[0], ids[0], plainLength);
            return;
        }
        if (requests.Any(r => r.PayloadFile is not null))
        {
            throw new InvalidOperationException("a WRITE from a file goes out alone and in the clear");
        }
        var frame = ArrayPool<byte>.Shared.Rent(frameLength);
        var plain = encrypt ? ArrayPool<byte>.Shared.Rent(plainLength) : frame;
        try
        {
            var plainSpan = encrypt ? plain.AsSpan(0, plainLength) : frame.AsSpan(NetBiosHeaderSize, plainLength);
            var offset = 0;
            for (var i = 0; i < requests.Count; i++)
            {
                var message = plainSpan.Slice(offset, sizes[i]);
                BuildHeader(requests[i], context, charges[i], ids[i], i, i < requests.Count - 1 ? (uint)sizes[i] : 0).Write(message);
                var payload = requests[i].Payload;
                var bodyEnd = Smb2Header.Size + requests[i].BodySize;
                requests[i].WriteBody(message[Smb2Header.Size..(bodyEnd - payload.Length)]);
                payload.Span.CopyTo(message[(bodyEnd - payload.Length)..]);
                message[bodyEnd..].Clear();
                if (context.Sign)
                {
                    context.Session!.SendSigner!.Sign(message);
                }
                context.Preauth?.Update(message);
                offset += sizes[i];
            }
            if (encrypt)
            {
                context.Session!.Cryptor!.Encrypt(plainSpan, context.Session.SessionId, frame.AsSpan(NetBiosHeaderSize));
            }
            BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)(frameLength - NetBiosHeaderSize));
            await _stream.WriteAsync(frame.AsMemory(0, frameLength), CancellationToken.None);
        }
        finally
        {
            if (encrypt)
            {
                ArrayPool<byte>.Shared.Return(plain);
            }
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    private Smb2Header BuildHeader(Smb2Request request, RequestContext context, int charge, ulong messageId, int index, uint nextCommand) => new()
    {
        // SMB 2.0.2 has no CreditCharge: the field must be zero there ([MS-SMB2] 2.2.1.2).
        CreditCharge = Negotiated is { Dialect: >= Smb2Dialect.Smb210 } ? (ushort)charge : (ushort)0,
        Command = request.Command,
        Credits = (ushort)Math.Min(ushort.MaxValue, charge + _options.ExtraCreditRequest),
        Flags = index > 0 && context.Related ? Smb2HeaderFlags.RelatedOperations : Smb2HeaderFlags.None,
        NextCommand = nextCommand,
        MessageId = messageId,
        TreeId = context.TreeId,
        SessionId = context.Session?.SessionId ?? 0,
    };

    private async Task WriteDirectAsync(Smb2Request request, RequestContext context, int charge, ulong messageId, int plainLength)
    {
        var headLength = NetBiosHeaderSize + plainLength - (request.PayloadFile?.Length ?? request.Payload.Length);
        var head = ArrayPool<byte>.Shared.Rent(headLength);
        try
        {
            BinaryPrimitives.WriteUInt32BigEndian(head, (uint)plainLength);
            BuildHeader(request, context, charge, messageId, 0, 0).Write(head.AsSpan(NetBiosHeaderSize));
            request.WriteBody(head.AsSpan(NetBiosHeaderSize + Smb2Header.Size, headLength - NetBiosHeaderSize - Smb2Header.Size));
            if (request.PayloadFile is { } file)
            {
                await _fileSender.SendAsync(head.AsMemory(0, headLength), file);
            }
            else
            {
                await _stream.WriteAsync(head.AsMemory(0, headLength), CancellationToken.None);
                await _stream.WriteAsync(request.Payload, CancellationToken.None);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var lengthPrefix = new byte[NetBiosHeaderSize];
        try
        {
            while (true)
            {
                await _reader.ReadExactlyAsync(lengthPrefix);
                var length = (int)BinaryPrimitives.ReadUInt32BigEndian(lengthPrefix);
                if (lengthPrefix[0] != 0 || length < Smb2Header.Size || length > _maxFrame)
                {
                    throw new SmbProtocolException($"bad frame length {length} (limit {_maxFrame})");
                }
                var frame = ArrayPool<byte>.Shared.Rent(length);
                try
                {
                    await _reader.ReadExactlyAsync(frame.AsMemory(0, length));
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(frame);
                    throw;
                }
                ProcessFrame(frame, length);
            }
        }
        catch (SmbProtocolException e)
        {
            Fail(e);
        }
        catch (Exception e)
        {
            Fail(new SmbConnectionException($"connection to {Endpoint} lost", e));
        }
    }

    /// <summary>Handles one frame and takes ownership of <paramref name="frame"/>.</summary>
    private void ProcessFrame(byte[] frame, int length)
    {
        var encrypted = false;
        var protocol = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if (protocol == TransformHeader.ProtocolId)
        {
            try
            {
                var session = Session;
                var sessionId = Smb2Cryptor.SessionIdOf(frame.AsSpan(0, length));
                if (session?.Cryptor is null || session.SessionId != sessionId)
                {
                    throw new SmbProtocolException($"encrypted frame for unknown session 0x{sessionId:X16}");
                }
                var plainLength = Smb2Cryptor.PlaintextLength(frame.AsSpan(0, length));
                var plain = ArrayPool<byte>.Shared.Rent(plainLength);
                try
                {
                    session.Cryptor.Decrypt(frame.AsSpan(0, length), plain);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(plain);
                    throw;
                }
                ArrayPool<byte>.Shared.Return(frame);
                frame = plain;
                length = plainLength;
                encrypted = true;
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(frame);
                throw;
            }
        }
        var owned = true;
        try
        {
            owned = DispatchMessages(frame, length, encrypted);
        }
        finally
        {
            if (owned)
            {
                ArrayPool<byte>.Shared.Return(frame);
            }
        }
    }

    /// <summary>Walks a (possibly compound) plain frame; returns false when a single response took the buffer over.</summary>
    private bool DispatchMessages(byte[] frame, int length, bool encrypted)
    {
        var offset = 0;
        while (true)
        {
            var remaining = length - offset;
            var header = Smb2Header.Read(frame.AsSpan(offset, remaining));
            if ((header.Flags & Smb2HeaderFlags.ServerToRedir) == 0)
            {
                throw new SmbProtocolException("received a request, not a response");
            }
            var messageLength = remaining;
            if (header.NextCommand != 0)
            {
                if (header.NextCommand < Smb2Header.Size || header.NextCommand > remaining - Smb2Header.Size)
                {
                    throw new SmbProtocolException($"NextCommand {header.NextCommand} is out of range");
                }
                messageLength = (int)header.NextCommand;
            }
            // Everything is judged by the request this answers, found by MessageId alone: a response for
            // no request (an oplock break, a replay, the answer to an abandoned request that already got
            // its own) is dropped whole, its credits included.
            if (_pending.TryGetValue(header.MessageId, out var pending))
            {
                var message = frame.AsSpan(offset, messageLength);
                CheckAgainstRequest(header, pending, message, encrypted);
                _credits.Grant(header.Credits);
                if (Deliver(header, pending, frame, offset, messageLength, takeOver: offset == 0 && header.NextCommand == 0))
                {
                    return false;
                }
            }
            if (header.NextCommand == 0)
            {
                return true;
            }
            offset += messageLength;
        }
    }

    /// <summary>
    /// Refuses a response that does not answer its request as sent: another command or session, missing
    /// the signature or encryption the request demands, or a bad signature. Nothing in the response can
    /// switch a check off.
    /// </summary>
    private static void CheckAgainstRequest(Smb2Header header, PendingRequest pending, Span<byte> message, bool encrypted)
    {
        // The first SESSION_SETUP is sent with SessionId 0 and answered with the id the server assigns.
        var sessionMatches = header.SessionId == pending.SessionId
            || (pending.Command == Smb2Command.SessionSetup && pending.SessionId == 0);
        if (header.Command != pending.Command || !sessionMatches)
        {
            throw new SmbProtocolException(
                $"a {header.Command} response for session 0x{header.SessionId:X} answers a {pending.Command} request for session 0x{pending.SessionId:X}");
        }
        if (pending.Encrypted && !encrypted)
        {
            throw new SmbProtocolException($"unencrypted {header.Command} response to an encrypted request");
        }
        if (header.Status == NtStatus.Pending)
        {
            // An interim response is never signed ([MS-SMB2] 3.2.5.1.3), so it may only say "wait": the
            // async form with an empty error body, never data.
            if (!header.IsAsync || message.Length > InterimResponseMaxLength)
            {
                throw new SmbProtocolException($"malformed interim {header.Command} response ({message.Length} bytes)");
            }
            return;
        }
        if (encrypted)
        {
            return;
        }
        // The final SESSION_SETUP response is verified by the session, once it has derived the keys.
        var signer = pending.Session?.ReceiveSigner;
        if (signer is null || pending.Command == Smb2Command.SessionSetup)
        {
            return;
        }
        if ((header.Flags & Smb2HeaderFlags.Signed) != 0)
        {
            if (!signer.Verify(message))
            {
                throw new SmbProtocolException($"bad signature on a {header.Command} response");
            }
        }
        else if (pending.Signed)
        {
            throw new SmbProtocolException($"unsigned {header.Command} response to a signed request");
        }
    }

    /// <summary>Completes the waiting request; returns true when the frame buffer now belongs to the response.</summary>
    private bool Deliver(Smb2Header header, PendingRequest pending, byte[] frame, int offset, int length, bool takeOver)
    {
        if (header.Status == NtStatus.Pending)
        {
            pending.AsyncId = header.AsyncId;
            return false;
        }
        if (!_pending.TryRemove(header.MessageId, out _))
        {
            return false;
        }
        var message = takeOver
            ? new Smb2Message(header, frame, offset, length, pooled: true)
            : new Smb2Message(header, frame.AsSpan(offset, length).ToArray(), 0, length, pooled: false);
        if (!pending.TrySetResult(message))
        {
            // The caller gave up on it; the response still brought its credits.
            message.Dispose();
            return false;
        }
        return takeOver;
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw failure is SmbConnectionException or SmbProtocolException
                ? new SmbConnectionException($"connection to {Endpoint} is closed: {failure.Message}", failure)
                : failure;
        }
    }

    /// <summary>Marks the connection failed, fails everything waiting on it and closes the socket.</summary>
    private Exception Fail(Exception failure)
    {
        if (Interlocked.CompareExchange(ref _failure, failure, null) is { } earlier)
        {
            return earlier;
        }
        _credits.Fail(failure);
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var pending))
            {
                pending.TrySetException(failure);
            }
        }
        _tcp.Dispose();
        return failure;
    }

    /// <summary>Retires the connection: everything waiting fails with a transient error and the owner reconnects.</summary>
    public void Abort(string reason) => Fail(new SmbConnectionException($"connection to {Endpoint} abandoned: {reason}"));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        Fail(new SmbConnectionException($"connection to {Endpoint} was closed by the client"));
        await _receiveLoop.ConfigureAwait(false);
        // A send under way fails at once on the closed socket; its buffers and event args go only after it.
        await _sendLock.WaitAsync().ConfigureAwait(false);
        _sendLock.Dispose();
        _reader.Dispose();
        _fileSender.Dispose();
    }
}
