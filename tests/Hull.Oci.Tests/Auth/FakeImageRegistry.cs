using Hull.Oci.Layout;
using Hull.Oci.Manifests;
using Hull.Oci.References;

namespace Hull.Oci.Tests.Auth;

/// <summary>How a fake registry answers one GET of a blob.</summary>
public enum BlobBody
{
    /// <summary>The whole blob.</summary>
    Whole,
    /// <summary>Half the blob, then the connection is aborted.</summary>
    Half,
    /// <summary>Half the blob, a 20 s stall, then the connection is aborted.</summary>
    HalfThenStall,
}

/// <summary>A fake registry serving one image (repository <c>app</c>, tag <c>v1</c>) from a layout, with faulty blob bodies on demand.</summary>
public static class FakeImageRegistry
{
    /// <summary>Serves the image; the n-th GET of a blob (1-based, counted per digest in <paramref name="gets"/>) gets <paramref name="behaviour"/>(n).</summary>
    public static FakeRegistry Serve(OciLayout layout, Manifest manifest, Func<int, BlobBody> behaviour, Dictionary<string, int>? gets = null)
    {
        gets ??= [];
        return new FakeRegistry(async context =>
        {
            string path = context.Request.Url!.AbsolutePath;
            if (path == "/v2/app/manifests/v1" || path == $"/v2/app/manifests/{manifest.Digest}")
            {
                await FakeRegistry.Write(context, 200, System.Text.Encoding.UTF8.GetString(manifest.Bytes.Span), manifest.MediaType);
                return;
            }
            const string prefix = "/v2/app/blobs/";
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
            {
                await FakeRegistry.Write(context, 404, "{}");
                return;
            }
            var digest = Digest.Parse(path[prefix.Length..]);
            byte[] bytes = await File.ReadAllBytesAsync(layout.BlobPath(digest));
            int count;
            lock (gets)
            {
                count = gets[digest.ToString()] = gets.GetValueOrDefault(digest.ToString()) + 1;
            }
            context.Response.StatusCode = 200;
            context.Response.ContentLength64 = bytes.Length;
            var body = behaviour(count);
            if (body == BlobBody.Whole)
            {
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
                return;
            }
            await context.Response.OutputStream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
            await context.Response.OutputStream.FlushAsync();
            if (body == BlobBody.HalfThenStall)
            {
                await Task.Delay(TimeSpan.FromSeconds(20));
            }
            context.Response.Abort();
        });
    }
}
