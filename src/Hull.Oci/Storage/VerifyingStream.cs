using System.Security.Cryptography;
using Hull.Oci.Manifests;

namespace Hull.Oci.Storage;

/// <summary>
/// Passes a blob's bytes through while hashing and counting them, and throws <see cref="DigestMismatchException"/>
/// as soon as the content is longer than promised, or at its end if size or digest differ.
/// </summary>
public sealed class VerifyingStream : Stream
{
    private readonly Stream _inner;
    private readonly Descriptor _expected;
    private readonly string _what;
    private readonly IncrementalHash _hash;
    private readonly bool _leaveOpen;
    private readonly IDisposable? _owner;
    private long _read;
    private bool _verified;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="what"/> names the content in errors.</summary>
    public VerifyingStream(Stream inner, Descriptor expected, string what, bool leaveOpen = false)
        : this(inner, expected, what, leaveOpen, null) { }

    /// <summary>Also disposes <paramref name="owner"/> (e.g. the HTTP response) with the stream.</summary>
    internal VerifyingStream(Stream inner, Descriptor expected, string what, bool leaveOpen, IDisposable? owner)
    {
        _owner = owner;
        _inner = inner;
        _expected = expected;
        _what = what;
        _leaveOpen = leaveOpen;
        _hash = IncrementalHash.CreateHash(expected.Digest.Algorithm switch
        {
            "sha512" => HashAlgorithmName.SHA512,
            _ => HashAlgorithmName.SHA256,
        });
    }

    /// <summary>Told the size of every chunk read (progress reporting).</summary>
    internal Action<long>? Progress { get; set; }

    /// <summary>Bytes read so far.</summary>
    public long BytesRead => _read;

    /// <inheritdoc />
    public override bool CanRead => true;
    /// <inheritdoc />
    public override bool CanSeek => false;
    /// <inheritdoc />
    public override bool CanWrite => false;
    /// <inheritdoc />
    public override long Length => _expected.Size;
    /// <inheritdoc />
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
            return 0;
        int n = _inner.Read(buffer);
        Account(buffer[..n]);
        return n;
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
            return 0;
        int n = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Account(buffer.Span[..n]);
        return n;
    }

    private void Account(ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length == 0)
        {
            Verify();
            return;
        }
        _read += chunk.Length;
        Progress?.Invoke(chunk.Length);
        if (_read > _expected.Size)
            throw new DigestMismatchException($"{_what}: blob {_expected.Digest} is larger than its descriptor's size {_expected.Size}");
        _hash.AppendData(chunk);
    }

    private void Verify()
    {
        if (_verified)
            return;
        _verified = true;
        if (_read != _expected.Size)
            throw new DigestMismatchException($"{_what}: blob {_expected.Digest} has {_read} bytes, expected {_expected.Size}");
        var actual = References.Digest.FromHash(_expected.Digest.Algorithm, _hash.GetHashAndReset());
        if (actual != _expected.Digest)
            throw new DigestMismatchException($"{_what}: digest mismatch: expected {_expected.Digest}, got {actual}");
    }

    /// <inheritdoc />
    public override void Flush() { }
    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();
    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            if (!_leaveOpen)
                _inner.Dispose();
            _owner?.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        _hash.Dispose();
        if (!_leaveOpen)
            await _inner.DisposeAsync().ConfigureAwait(false);
        _owner?.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
