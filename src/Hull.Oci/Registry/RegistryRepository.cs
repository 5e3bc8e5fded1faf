using System.Net;
using System.Net.Http.Headers;
using Hull.Oci.Manifests;
using Hull.Oci.References;
using Hull.Oci.Storage;

namespace Hull.Oci.Registry;

/// <summary>One repository of a registry, read and written through the distribution API.</summary>
public sealed class RegistryRepository : IImageStore
{
    private const int MaxManifestBytes = 8 * 1024 * 1024;
    private readonly RegistryClient _client;
    private readonly string[] _pullScope;
    private readonly string[] _pushScope;

    internal RegistryRepository(RegistryClient client, string registry, string repository)
    {
        _client = client;
        Registry = registry;
        Repository = repository;
        _pullScope = [$"repository:{repository}:pull"];
        _pushScope = [$"repository:{repository}:pull,push"];
    }

    /// <summary>The registry host.</summary>
    public string Registry { get; }

    /// <summary>The repository path.</summary>
    public string Repository { get; }

    /// <summary><c>registry/repository</c>.</summary>
    public string Location => Registry + "/" + Repository;

    /// <summary>A reference to <paramref name="identifier"/> (tag or digest) in this repository.</summary>
    public ImageReference Reference(string identifier) =>
        Digest.TryParse(identifier, out var digest)
            ? ImageReference.Create(Registry, Repository, digest: digest)
            : ImageReference.Create(Registry, Repository, tag: identifier);

    private RegistryTransport Transport => _client.Transport;

    private string Named(string? identifier) =>
        identifier is null ? Location : Digest.TryParse(identifier, out _) ? Location + "@" + identifier : Location + ":" + identifier;

    private Uri Url(Uri baseUri, string tail) => new(baseUri, $"/v2/{Repository}/{tail}");

    private static void AcceptManifests(HttpRequestMessage request)
    {
        foreach (string type in MediaTypes.ManifestAccept)
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
    }

    private static string RequireIdentifier(string? identifier, string location) =>
        identifier ?? throw new OciException($"{location}: a registry reference needs a tag or digest");

    /// <inheritdoc />
    public async Task<Descriptor> ResolveAsync(string? identifier, CancellationToken cancellationToken = default)
    {
        string id = RequireIdentifier(identifier, Location);
        string what = $"resolving {Named(id)}";
        using (var head = await Transport.SendAsync(Registry, _pullScope, b =>
               {
                   var r = new HttpRequestMessage(HttpMethod.Head, Url(b, "manifests/" + id));
                   AcceptManifests(r);
                   return r;
               }, what, replayable: true, cancellationToken).ConfigureAwait(false))
        {
            if (head.StatusCode == HttpStatusCode.NotFound)
                throw new OciNotFoundException($"{Named(id)}: manifest unknown (not found)");
            if (head.IsSuccessStatusCode
                && Digest.TryParse(HeaderValue(head, "Docker-Content-Digest"), out var digest)
                && head.Content.Headers.ContentLength is long size
                && MediaTypes.IsManifest(head.Content.Headers.ContentType?.MediaType))
            {
                if (Digest.TryParse(id, out var asked) && asked != digest)
                    throw new DigestMismatchException($"{Named(id)}: registry reports digest {digest}, expected {asked}");
                return new Descriptor { MediaType = head.Content.Headers.ContentType!.MediaType!, Size = size, Digest = digest };
            }
            if (!head.IsSuccessStatusCode && head.StatusCode is not (HttpStatusCode.MethodNotAllowed or HttpStatusCode.BadRequest))
                throw await RegistryTransport.ErrorAsync(head, what, cancellationToken).ConfigureAwait(false);
        }
        return (await GetManifestAsync(id, cancellationToken).ConfigureAwait(false)).Descriptor;
    }

    /// <inheritdoc />
    public async Task<Manifest> GetManifestAsync(string? identifier, CancellationToken cancellationToken = default)
    {
        string id = RequireIdentifier(identifier, Location);
        string what = $"fetching manifest {Named(id)}";
        using var response = await Transport.SendAsync(Registry, _pullScope, b =>
        {
            var r = new HttpRequestMessage(HttpMethod.Get, Url(b, "manifests/" + id));
            AcceptManifests(r);
            return r;
        }, what, replayable: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            throw new OciNotFoundException($"{Named(id)}: manifest unknown (not found)");
        if (!response.IsSuccessStatusCode)
            throw await RegistryTransport.ErrorAsync(response, what, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength > MaxManifestBytes)
            throw new OciException($"{Named(id)}: manifest of {response.Content.Headers.ContentLength} bytes is larger than the {MaxManifestBytes} byte limit");
        byte[] bytes = await ReadLimitedAsync(response, MaxManifestBytes, Named(id), cancellationToken).ConfigureAwait(false);
        string? contentType = response.Content.Headers.ContentType?.MediaType;
        Manifest manifest = Digest.TryParse(id, out var expected)
            ? Manifest.FromBytes(bytes, contentType, expected, Named(id))
            : Manifest.FromBytes(bytes, contentType, Named(id));
        if (Digest.TryParse(HeaderValue(response, "Docker-Content-Digest"), out var reported)
            && reported.Algorithm == manifest.Digest.Algorithm && reported != manifest.Digest)
            throw new DigestMismatchException($"{Named(id)}: manifest digest mismatch: registry says {reported}, content hashes to {manifest.Digest}");
        return manifest;
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpResponseMessage response, int limit, string what, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int n;
        while ((n = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > limit)
                throw new OciException($"{what}: manifest larger than the {limit} byte limit");
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    /// <inheritdoc />
    public async Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken cancellationToken = default)
    {
        string what = $"{Location}@{blob.Digest}";
        var response = await Transport.SendAsync(Registry, _pullScope,
            b => new HttpRequestMessage(HttpMethod.Get, Url(b, "blobs/" + blob.Digest)),
            $"fetching blob {what}", replayable: true, cancellationToken).ConfigureAwait(false);
        try
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
                throw new OciNotFoundException($"{what}: blob unknown (not found)");
            if (!response.IsSuccessStatusCode)
                throw await RegistryTransport.ErrorAsync(response, $"fetching blob {what}", cancellationToken).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength is long length && length != blob.Size)
                throw new DigestMismatchException($"{what}: blob has {length} bytes, expected {blob.Size}");
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var moving = new IdleTimeoutStream(stream, _client.Options.ResponseHeaderTimeout, $"fetching blob {what}");
            return new VerifyingStream(moving, blob, what, leaveOpen: false, owner: response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Downloads a blob into <paramref name="destination"/>, verifying size and digest.</summary>
    public async Task DownloadBlobAsync(Descriptor blob, Stream destination, CancellationToken cancellationToken = default)
    {
        await using var source = await OpenBlobAsync(blob, cancellationToken).ConfigureAwait(false);
        await source.CopyToAsync(destination, 128 * 1024, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> HasBlobAsync(Descriptor blob, CancellationToken cancellationToken = default)
    {
        string what = $"checking blob {Location}@{blob.Digest}";
        using var response = await Transport.SendAsync(Registry, _pushScope,
            b => new HttpRequestMessage(HttpMethod.Head, Url(b, "blobs/" + blob.Digest)),
            what, replayable: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return false;
        if (!response.IsSuccessStatusCode)
            throw await RegistryTransport.ErrorAsync(response, what, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> HasManifestAsync(Descriptor manifest, CancellationToken cancellationToken = default)
    {
        string what = $"checking manifest {Location}@{manifest.Digest}";
        using var response = await Transport.SendAsync(Registry, _pushScope, b =>
        {
            var r = new HttpRequestMessage(HttpMethod.Head, Url(b, "manifests/" + manifest.Digest));
            AcceptManifests(r);
            return r;
        }, what, replayable: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return false;
        if (!response.IsSuccessStatusCode)
            throw await RegistryTransport.ErrorAsync(response, what, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> TryMountBlobAsync(Descriptor blob, IImageSource from, CancellationToken cancellationToken = default)
    {
        if (from is not RegistryRepository source || !ReferenceEquals(source._client, _client)
            || source.Registry != Registry || source.Repository == Repository)
            return false;
        string what = $"mounting blob {blob.Digest} from {source.Location} into {Location}";
        string[] scopes = [.. _pushScope, .. source._pullScope];
        using var response = await Transport.SendAsync(Registry, scopes, b => new HttpRequestMessage(HttpMethod.Post,
                Url(b, $"blobs/uploads/?mount={blob.Digest}&from={source.Repository}")),
            what, replayable: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created)
            return true;
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            // The registry opened an upload session instead of mounting; close it so it does not linger.
            await CancelUploadAsync(response.Headers.Location, cancellationToken).ConfigureAwait(false);
            return false;
        }
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            return false;
        throw await RegistryTransport.ErrorAsync(response, what, cancellationToken).ConfigureAwait(false);
    }

    private async Task CancelUploadAsync(Uri? location, CancellationToken cancellationToken)
    {
        if (location is null)
            return;
        try
        {
            using var _ = await Transport.SendAsync(Registry, _pushScope, b => new HttpRequestMessage(HttpMethod.Delete, new Uri(b, location)),
                "cancelling upload", replayable: false, cancellationToken).ConfigureAwait(false);
        }
        catch (OciException)
        {
            // Best effort: registries expire abandoned uploads on their own.
        }
    }

    /// <inheritdoc />
    public async Task PutBlobAsync(Descriptor blob, Stream content, CancellationToken cancellationToken = default)
    {
        string what = $"uploading blob {blob.Digest} to {Location}";
        // A seekable source may be re-sent on retry and the registry checks its digest; a one-shot stream is
        // checked as it passes, so a mismatch is reported as such rather than as a registry error.
        if (content.CanSeek || content is VerifyingStream)
        {
            await UploadAsync(blob, content, what, cancellationToken).ConfigureAwait(false);
            return;
        }
        await using var verifying = new VerifyingStream(content, blob, what, leaveOpen: true);
        await UploadAsync(blob, verifying, what, cancellationToken).ConfigureAwait(false);
    }

    private async Task UploadAsync(Descriptor blob, Stream content, string what, CancellationToken cancellationToken)
    {
        long start = content.CanSeek ? content.Position : -1;
        Uri location = await StartUploadAsync(what, cancellationToken).ConfigureAwait(false);
        try
        {
            if (blob.Size <= _client.Options.MonolithicUploadLimit)
            {
                await FinishUploadAsync(location, blob, content, blob.Size, start, what, cancellationToken).ConfigureAwait(false);
                return;
            }
            long offset = 0;
            long chunkSize = Math.Max(1024 * 1024, _client.Options.ChunkSize);
            while (offset < blob.Size)
            {
                long length = Math.Min(chunkSize, blob.Size - offset);
                location = await PatchAsync(location, content, offset, length, start, what, cancellationToken).ConfigureAwait(false);
                offset += length;
            }
            await FinishUploadAsync(location, blob, content, 0, start, what, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await CancelUploadAsync(location, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<Uri> StartUploadAsync(string what, CancellationToken cancellationToken)
    {
        using var response = await Transport.SendAsync(Registry, _pushScope,
            b => new HttpRequestMessage(HttpMethod.Post, Url(b, "blobs/uploads/")),
            what, replayable: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw await RegistryTransport.ErrorAsync(response, what, cancellationToken).ConfigureAwait(false);
        return response.Headers.Location ?? throw new OciException($"{what}: the registry gave no upload location");
    }

    private async Task<Uri> PatchAsync(Uri location, Stream content, long offset, long length, long start, string what, CancellationToken cancellationToken)
    {
        bool seekable = start >= 0;
        using var response = await Transport.SendAsync(Registry, _pushScope, b =>
        {
            if (seekable)
                content.Position = start + offset;
            var body = new StreamingContent(content, length);
            body.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + length - 1}");
            return new HttpRequestMessage(HttpMethod.Patch, new Uri(b, location)) { Content = body };
        }, $"{what} (chunk at {offset})", replayable: seekable, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw await RegistryTransport.ErrorAsync(response, $"{what} (chunk at {offset})", cancellationToken).ConfigureAwait(false);
        return response.Headers.Location ?? location;
    }

    private async Task FinishUploadAsync(Uri location, Descriptor blob, Stream content, long length, long start, string what, CancellationToken cancellationToken)
    {
        bool seekable = start >= 0 || length == 0;
        using var response = await Transport.SendAsync(Registry, _pushScope, b =>
        {
            var url = new Uri(b, location);
            var builder = new UriBuilder(url);
            string digestParam = "digest=" + Uri.EscapeDataString(blob.Digest.ToString());
            builder.Query = string.IsNullOrEmpty(builder.Query) || builder.Query == "?" ? digestParam : builder.Query.TrimStart('?') + "&" + digestParam;
            HttpContent body;
            if (length > 0)
            {
                if (start >= 0)
                    content.Position = start;
                body = new StreamingContent(content, length);
            }
            else
            {
                body = new ByteArrayContent([]);
                body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            }
            return new HttpRequestMessage(HttpMethod.Put, builder.Uri) { Content = body };
        }, what, replayable: seekable, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
            throw await RegistryTransport.ErrorAsync(response, what, cancellationToken).ConfigureAwait(false);
        if (Digest.TryParse(HeaderValue(response, "Docker-Content-Digest"), out var stored) && stored != blob.Digest)
            throw new DigestMismatchException($"{what}: registry stored digest {stored}, expected {blob.Digest}");
    }

    /// <inheritdoc />
    public async Task PutManifestAsync(Manifest manifest, string? tag, CancellationToken cancellationToken = default)
    {
        string id = tag ?? manifest.Digest.ToString();
        if (tag is not null)
            ImageReference.ValidateTag(tag, Location + ":" + tag);
        string what = $"pushing manifest {Named(id)}";
        using var response = await Transport.SendAsync(Registry, _pushScope, b =>
        {
            var body = new ReadOnlyMemoryContent(manifest.Bytes);
            body.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
            return new HttpRequestMessage(HttpMethod.Put, Url(b, "manifests/" + id)) { Content = body };
        }, what, replayable: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Accepted))
            throw await RegistryTransport.ErrorAsync(response, what, cancellationToken).ConfigureAwait(false);
        if (Digest.TryParse(HeaderValue(response, "Docker-Content-Digest"), out var stored)
            && stored.Algorithm == manifest.Digest.Algorithm && stored != manifest.Digest)
            throw new DigestMismatchException($"{what}: registry stored digest {stored}, expected {manifest.Digest}");
    }

    /// <summary>Every tag of this repository, following <c>Link</c> pagination.</summary>
    public Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken cancellationToken = default) =>
        ListTagsAsync(1000, cancellationToken);

    /// <summary>Every tag of this repository, asking for <paramref name="pageSize"/> per page.</summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var tags = new List<string>();
        string? next = $"/v2/{Repository}/tags/list?n={pageSize}";
        string what = $"listing tags of {Location}";
        for (int page = 0; next is not null; page++)
        {
            if (page > 10_000)
                throw new OciException($"{what}: too many pages");
            string current = next;
            using var response = await Transport.SendAsync(Registry, _pullScope,
                b => new HttpRequestMessage(HttpMethod.Get, new Uri(b, current)), what, replayable: true, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
                throw new OciNotFoundException($"{what}: repository not found");
            if (!response.IsSuccessStatusCode)
                throw await RegistryTransport.ErrorAsync(response, what, cancellationToken).ConfigureAwait(false);
            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var list = OciJson.Parse(body, OciJson.Context.TagList, what);
            if (list.Tags is not null)
                tags.AddRange(list.Tags);
            next = NextLink(response);
        }
        return tags;
    }

    /// <summary>The target of a <c>Link: &lt;url&gt;; rel="next"</c> header.</summary>
    internal static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
            return null;
        foreach (string value in values)
        {
            foreach (string part in value.Split(','))
            {
                int open = part.IndexOf('<'), close = part.IndexOf('>');
                if (open < 0 || close < open)
                    continue;
                string attributes = part[(close + 1)..];
                if (attributes.Contains("rel=\"next\"", StringComparison.OrdinalIgnoreCase)
                    || attributes.Contains("rel=next", StringComparison.OrdinalIgnoreCase))
                    return part[(open + 1)..close];
            }
        }
        return null;
    }

    private static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    string IImageSource.Location => Location;
    string IImageTarget.Location => Location;
}
