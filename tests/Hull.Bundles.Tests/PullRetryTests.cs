using Hull.Bundles.Images;
using Hull.Bundles.Layers;
using Hull.Bundles.Operations;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Registry;
using Hull.Oci.Storage;

namespace Hull.Bundles.Tests;

/// <summary><c>bundle pull</c> fetches again a layer whose download broke off, as <c>bundle copy</c> does.</summary>
public sealed class PullRetryTests : IDisposable
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("hull-pull-retry-").FullName;

    public void Dispose() => Directory.Delete(_tmp, recursive: true);

    [Fact]
    public async Task ALayerWhoseDownloadBrokeOffIsFetchedAgain()
    {
        var (stores, location) = await PushAsync();
        var broken = new BreakingStores(stores, breaks: 1);
        string output = Path.Combine(_tmp, "out");

        await BundlePuller.PullAsync(broken, new PullRequest(location, true, output, false), _ => { }, CancellationToken.None);

        Assert.Equal(1, broken.Broken);
        Assert.Equal(Content, File.ReadAllText(Path.Combine(output, "config", "big.yml")));
        Assert.Single(Directory.GetFileSystemEntries(_tmp), e => Path.GetFileName(e) == "out");
    }

    [Fact]
    public async Task APullThatKeepsBreakingFailsNamingTheLayerAndLeavesNothing()
    {
        var (stores, location) = await PushAsync();
        var broken = new BreakingStores(stores, breaks: int.MaxValue);
        string output = Path.Combine(_tmp, "out");

        var error = await Assert.ThrowsAsync<BundleException>(() =>
            BundlePuller.PullAsync(broken, new PullRequest(location, true, output, false) { BlobRetries = 1 }, _ => { }, CancellationToken.None));

        Assert.Equal(2, broken.Broken);
        Assert.Contains("layer sha256:", error.Message);
        Assert.Contains("broke off 2 time(s)", error.Message);
        Assert.False(Directory.Exists(output));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(_tmp), e => Path.GetFileName(e).StartsWith(".out.hull-", StringComparison.Ordinal));
    }

    private static readonly string Content = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"line{i}: {i * 7919 % 104729}\n"));

    private async Task<(IImageStores Stores, ImageLocation Location)> PushAsync()
    {
        string source = Path.Combine(_tmp, "src");
        Directory.CreateDirectory(Path.Combine(source, ".imgpkg"));
        Directory.CreateDirectory(Path.Combine(source, "config"));
        File.WriteAllText(Path.Combine(source, ".imgpkg", "images.yml"), "apiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\nimages: []\n");
        File.WriteAllText(Path.Combine(source, "config", "big.yml"), Content);
        var client = new RegistryClient(new RegistryOptions { Anonymous = true });
        var stores = new ImageStores(client);
        var location = ImageLocation.Parse($"oci:{Path.Combine(_tmp, "layout")}:v1");
        await BundlePusher.PushAsync(stores, new PushRequest(location, new LayerOptions([source], LayerOptions.DefaultExclusions), true, new Dictionary<string, string>()), _ => { }, CancellationToken.None);
        return (stores, location);
    }

    /// <summary>Stores whose layer downloads break off halfway the first <c>breaks</c> times, as a dropped connection does.</summary>
    private sealed class BreakingStores(IImageStores inner, int breaks) : IImageStores
    {
        private int _broken;

        /// <summary>How many downloads broke off.</summary>
        public int Broken => _broken;

        /// <summary>True when one more download may break off (reads that stop early, like the ImagesLock's, never do).</summary>
        public bool TryBreak()
        {
            if (_broken >= breaks)
            {
                return false;
            }
            _broken++;
            return true;
        }

        public IImageStore Open(ImageLocation location, bool forWrite = false) => new Store(inner.Open(location, forWrite), this);

        private sealed class Store(IImageStore inner, BreakingStores owner) : IImageStore
        {
            public string Location => inner.Location;

            public Task<Descriptor> ResolveAsync(string? identifier, CancellationToken cancellationToken = default) => inner.ResolveAsync(identifier, cancellationToken);

            public Task<Manifest> GetManifestAsync(string? identifier, CancellationToken cancellationToken = default) => inner.GetManifestAsync(identifier, cancellationToken);

            public async Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken cancellationToken = default)
            {
                var stream = await inner.OpenBlobAsync(blob, cancellationToken);
                if (!blob.MediaType.Contains("tar", StringComparison.Ordinal))
                {
                    return stream;
                }
                return new BreakingStream(stream, blob.Size / 2, owner);
            }

            public Task<bool> HasBlobAsync(Descriptor blob, CancellationToken cancellationToken = default) => inner.HasBlobAsync(blob, cancellationToken);

            public Task PutBlobAsync(Descriptor blob, Stream content, CancellationToken cancellationToken = default) => inner.PutBlobAsync(blob, content, cancellationToken);

            public Task<bool> TryMountBlobAsync(Descriptor blob, IImageSource from, CancellationToken cancellationToken = default) => inner.TryMountBlobAsync(blob, from, cancellationToken);

            public Task<bool> HasManifestAsync(Descriptor manifest, CancellationToken cancellationToken = default) => inner.HasManifestAsync(manifest, cancellationToken);

            public Task PutManifestAsync(Manifest manifest, string? tag, CancellationToken cancellationToken = default) => inner.PutManifestAsync(manifest, tag, cancellationToken);
        }
    }

    /// <summary>Reads up to <c>limit</c> bytes, then fails as a connection reset does (while its stores let it).</summary>
    private sealed class BreakingStream(Stream inner, long limit, BreakingStores owner) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_read >= limit && owner.TryBreak())
            {
                throw new IOException("The response ended prematurely (connection reset by peer)");
            }
            int n = inner.Read(_read < limit ? buffer[..(int)Math.Min(buffer.Length, limit - _read)] : buffer);
            _read += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
