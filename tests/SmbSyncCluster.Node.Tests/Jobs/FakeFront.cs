using System.Net;
using System.Text;

namespace SmbSyncCluster.Node.Tests.Jobs;

/// <summary>
/// An in-process stand-in for the HTTP transport, for the client's own logic (status mapping, headers,
/// stream parsing): it records each request and answers with what the test says.
/// </summary>
internal sealed class FakeFront(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    /// <summary>What was sent: method, path and query, Authorization header, body.</summary>
    public List<(string Method, string Target, string? Authorization, string? Body)> Requests { get; } = [];

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };

    public static HttpResponseMessage Problem(HttpStatusCode status, string json) => Json(status, json, "application/problem+json");

    /// <summary>An event stream delivered in exactly these pieces, one per read, as a network would cut it.</summary>
    public static HttpResponseMessage EventStream(params string[] chunks) => EventStream(chunks, staysOpen: false);

    /// <summary>The pieces, then either the end of the stream or (<paramref name="staysOpen"/>) no more data until the reader gives up.</summary>
    public static HttpResponseMessage EventStream(string[] chunks, bool staysOpen)
    {
        var content = new StreamContent(new ChunkedStream(chunks, staysOpen));
        content.Headers.ContentType = new("text/event-stream");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method.Method, request.RequestUri!.PathAndQuery, request.Headers.Authorization?.ToString(), body));
        return answer(request);
    }

    /// <summary>A read-only stream that hands out one chunk per read (never more), then ends or waits forever.</summary>
    private sealed class ChunkedStream(string[] chunks, bool staysOpen) : Stream
    {
        private readonly Queue<byte[]> _chunks = new(chunks.Select(Encoding.UTF8.GetBytes));
        private byte[] _current = [];
        private int _offset;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _current.Length)
            {
                if (!_chunks.TryDequeue(out var next))
                {
                    return 0;
                }
                (_current, _offset) = (next, 0);
            }
            var n = Math.Min(count, _current.Length - _offset);
            Array.Copy(_current, _offset, buffer, offset, n);
            _offset += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (staysOpen && _offset == _current.Length && _chunks.Count == 0)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            var chunk = new byte[buffer.Length];
            var n = Read(chunk, 0, chunk.Length);
            chunk.AsMemory(0, n).CopyTo(buffer);
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
