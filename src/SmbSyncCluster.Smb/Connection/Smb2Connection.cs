using System.Net.Sockets;
using SmbSyncCluster.Smb.Errors;
using SmbSyncCluster.Smb.Protocol;
using SmbSyncCluster.Smb.Security;

namespace SmbSyncCluster.Smb.Connection;

/// <summary>
/// One TCP connection to an SMB server ([MS-SMB2] 2.1, direct TCP): negotiates the dialect, then
/// multiplexes any number of concurrent requests over it. Sending takes credits from the
/// <see cref="CreditWindow"/>, registers the requests in <see cref="PendingRequests"/> and writes them
/// with the <see cref="FrameWriter"/>; a single receive loop reads frames with the
/// <see cref="FrameReceiver"/> and hands them to the <see cref="ResponseDispatcher"/>. Any transport or
/// protocol failure fails every waiting request and the connection for good; the owner reconnects.
/// </summary>
internal sealed class Smb2Connection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly BufferedStream _reader;
    private readonly SmbClientOptions _options;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CreditWindow _credits;
    private readonly PendingRequests _pending = new();
    private readonly FrameWriter _writer;
    private readonly FrameReceiver _receiver;
    private readonly ResponseDispatcher _dispatcher;
    private NegotiatedParameters _negotiated = null!;
    private Exception? _failure;
    private int _disposed;
    private Task _receiveLoop = Task.CompletedTask;

    private Smb2Connection(TcpClient tcp, SmbClientOptions options)
    {
        _tcp = tcp;
        _options = options;
        var stream = tcp.GetStream();
        _reader = new BufferedStream(stream, 256 * 1024);
        _credits = new CreditWindow(options.RequestTimeout);
        _writer = new FrameWriter(stream, new FileSender(tcp.Client), _credits, options.ExtraCreditRequest);
        _receiver = new FrameReceiver(_reader);
        _dispatcher = new ResponseDispatcher(_pending, _credits);
    }

    public NegotiateResponse Negotiated => _negotiated.Response;

    /// <summary>What this client offered in NEGOTIATE, for VALIDATE_NEGOTIATE_INFO to repeat.</summary>
    public NegotiateRequest Offered => _negotiated.Offered;
    public Smb2Dialect Dialect => _negotiated.Dialect;
    public Smb2Cipher Cipher => _negotiated.Cipher;
    public Smb2SigningAlgorithm SigningAlgorithm => _negotiated.SigningAlgorithm;
    public bool ServerRequiresSigning => Negotiation.RequiresSigning(_negotiated.Response);
    public int MaxReadSize => _negotiated.MaxReadSize;
    public int MaxWriteSize => _negotiated.MaxWriteSize;
    public int MaxTransactSize => _negotiated.MaxTransactSize;

    /// <summary>The pre-authentication hash after NEGOTIATE (3.1.1 only); sessions continue it.</summary>
    public PreauthHash? Preauth => _negotiated.Preauth;

    /// <summary>The session whose keys verify and decrypt what arrives (one session per connection here).</summary>
    public Smb2Session? Session
    {
        get => _receiver.Session;
        set => _receiver.Session = value;
    }

    public bool IsAlive => Volatile.Read(ref _failure) is null;

    public string Endpoint => $"{_options.Host}:{_options.Port}";

    public static async Task<Smb2Connection> ConnectAsync(SmbClientOptions options, CancellationToken ct)
    {
        var tcp = new TcpClient { NoDelay = true, ReceiveBufferSize = 4 * 1024 * 1024, SendBufferSize = 4 * 1024 * 1024 };
        // A change notification may wait for hours on a silent connection: keepalives find a server that
        // vanished without a reset within about a minute, which fails the wait like any lost connection.
        tcp.Client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        tcp.Client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 30);
        tcp.Client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 10);
        tcp.Client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
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
        var request = Negotiation.Offer(_options);
        var preauth = new PreauthHash();
        using var response = (await SendAsync([request], new RequestContext(Preauth: preauth), ct))[0].EnsureSuccess("NEGOTIATE");
        _negotiated = Negotiation.Accept(_options, request, response.Span, preauth);
        _credits.MultiCredit = _negotiated.MultiCredit;
        _receiver.MaxFrame = _negotiated.MaxFrame;
    }

    /// <summary>
    /// Sends one request, or several as a compound chain in one frame, and returns their responses in
    /// order. The caller disposes the responses. <c>reservedCharge</c> is the credits already taken with
    /// <see cref="ReserveIoAsync"/> for this one request, or 0 to take them here.
    /// </summary>
    public async Task<Smb2Message[]> SendAsync(
        IReadOnlyList<Smb2Request> requests, RequestContext context, CancellationToken ct, int reservedCharge = 0)
    {
        ThrowIfFailed();
        var chain = new RequestChain(requests, _credits);
        try
        {
            await _credits.TakeAsync(chain.TotalCharge, reservedCharge, ct);
        }
        catch (TimeoutException e)
        {
            throw Fail(NoCredits(e));
        }
        var pendings = new PendingRequest[chain.Count];
        var sent = false;
        try
        {
            await _sendLock.WaitAsync(ct);
            try
            {
                ThrowIfFailed();
                for (var i = 0; i < chain.Count; i++)
                {
                    var pending = new PendingRequest(requests[i].Command, context.Session, context.Sign, context.Encrypt);
                    chain.MessageIds[i] = _pending.Register(pending, chain.Charges[i]);
                    pendings[i] = pending;
                }
                await _writer.WriteAsync(chain, context);
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
                for (var i = 0; i < chain.Count && pendings[i] is not null; i++)
                {
                    _pending.Remove(chain.MessageIds[i]);
                }
                _credits.Release(chain.TotalCharge);
            }
            if (e is IOException or SocketException or ObjectDisposedException)
            {
                throw Fail(new SmbConnectionException($"connection to {Endpoint} lost while sending", e));
            }
            throw;
        }
        return await AwaitResponsesAsync(pendings, ct);
    }

    /// <summary>
    /// Takes credits for one READ or WRITE of up to <paramref name="wantedBytes"/>: at least one credit,
    /// more when granted ones are there. Returns the credits taken and the bytes they cover; pass the
    /// credits to <see cref="SendAsync"/> as <c>reservedCharge</c>.
    /// </summary>
    public async Task<(int Charge, int Bytes)> ReserveIoAsync(int wantedBytes, CancellationToken ct)
    {
        ThrowIfFailed();
        try
        {
            return await _credits.ReserveIoAsync(wantedBytes, ct);
        }
        catch (TimeoutException e)
        {
            throw Fail(NoCredits(e));
        }
    }

    /// <summary>Gives back credits taken with <see cref="ReserveIoAsync"/> for a request that will not be sent.</summary>
    public void ReleaseReserved(int charge) => _credits.Release(charge);

    /// <summary>A server that grants no credits within the time a request may wait for its response is dead.</summary>
    private SmbConnectionException NoCredits(TimeoutException e) =>
        new($"{Endpoint} granted no credits within {_options.RequestTimeout.TotalSeconds:0}s", e);

    /// <summary>
    /// The final response of <paramref name="pending"/>, within the request timeout, except for a change
    /// notification the server has taken on (an interim response came): it answers when something changes,
    /// which may be never, so only the connection's loss or the caller ends that wait.
    /// </summary>
    private async Task<Smb2Message> ResponseOfAsync(PendingRequest pending, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return await pending.Task.WaitAsync(_options.RequestTimeout, ct);
            }
            catch (TimeoutException) when (pending.Command == Smb2Command.ChangeNotify && pending.AsyncId != 0)
            {
            }
        }
    }

    private async Task<Smb2Message[]> AwaitResponsesAsync(PendingRequest[] pendings, CancellationToken ct)
    {
        var responses = new Smb2Message[pendings.Length];
        var received = 0;
        try
        {
            for (; received < pendings.Length; received++)
            {
                responses[received] = await ResponseOfAsync(pendings[received], ct);
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

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (true)
            {
                _dispatcher.Dispatch(await _receiver.ReceiveAsync());
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
        _pending.FailAll(failure);
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
        _writer.Dispose();
    }
}
