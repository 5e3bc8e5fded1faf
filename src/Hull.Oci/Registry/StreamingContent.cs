using System.Net;

namespace Hull.Oci.Registry;

/// <summary>
/// Request content streamed from a source stream (at most <see cref="Length"/> bytes), never buffered whole;
/// <see cref="Sent"/> fires once the body is written, which is when the response header timeout starts.
/// </summary>
internal sealed class StreamingContent : HttpContent
{
    private readonly Stream _source;
    private readonly long _length;

    public StreamingContent(Stream source, long length)
    {
        _source = source;
        _length = length;
        Headers.ContentLength = length;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
    }

    public long Length => _length;

    public event Action? Sent;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            long remaining = _length;
            while (remaining > 0)
            {
                int n = await _source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                    throw new IOException($"the source ended {remaining} bytes early");
                await stream.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                remaining -= n;
            }
            if (_source is Storage.VerifyingStream verifying && verifying.BytesRead == verifying.Length)
            {
                // Reading once more lets the verifying stream see the end and check the digest before we finish.
                _ = await _source.ReadAsync(buffer.AsMemory(0, 1), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        Sent?.Invoke();
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }
}
