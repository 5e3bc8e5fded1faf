using Hull.Images.Config;
using Hull.Images.Resolving;
using Hull.Images.Search;
using Hull.Oci.References;
using Hull.Yaml;

namespace Hull.Images;

/// <summary>
/// kbld's resolve: finds image references in documents, resolves each distinct one once (in parallel, bounded),
/// writes the digest references back and records origins in the <c>kbld.k14s.io/images</c> annotation.
/// </summary>
public static class ImageResolution
{
    /// <summary>The annotation kbld records resolved images in.</summary>
    public const string ImagesAnnotationKey = "kbld.k14s.io/images";

    /// <summary>
    /// Resolves the images of <paramref name="inputs"/>. Every failing reference is reported together in one
    /// <see cref="ImagesException"/> (one line each) and nothing is changed in that case.
    /// </summary>
    public static async Task<ResolveResult> ResolveAsync(IEnumerable<DocumentSet> inputs, IDigestResolver resolver,
        ResolveOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ResolveOptions();
        var config = new KbldConfig();
        var resources = new List<Document>();
        foreach (var doc in inputs.SelectMany(s => s.Items))
        {
            if (doc.Injected || doc.Value is null)
            {
                continue;
            }
            if (!config.TryAdd(doc))
            {
                resources.Add(doc);
            }
        }

        var finder = new ImageFinder(config.SearchRules);
        var finalisers = new List<Action>();
        var sitesByDoc = resources.Select(d => finder.Find(d.Value, finalisers, d.Position.File ?? "")).ToList();
        var distinct = sitesByDoc.SelectMany(s => s).Select(s => s.Image).Distinct(StringComparer.Ordinal).ToList();

        if (options.Unresolved)
        {
            return new ResolveResult(resources, distinct.Select(i => new ResolvedImage(i, i, [])).ToList());
        }

        var resolved = await ResolveAllAsync(distinct, config.Overrides, resolver, options.Concurrency, cancellationToken).ConfigureAwait(false);

        for (int d = 0; d < resources.Count; d++)
        {
            var sites = sitesByDoc[d];
            foreach (var site in sites)
            {
                site.Set(resolved[site.Image].Url);
            }
            if (options.ImagesAnnotation && sites.Count > 0)
            {
                Annotate(resources[d], sites.Select(s => resolved[s.Image]));
            }
        }
        foreach (var finalise in finalisers)
        {
            finalise();
        }
        return new ResolveResult(resources, distinct.Select(i => resolved[i]).ToList());
    }

    private static async Task<Dictionary<string, ResolvedImage>> ResolveAllAsync(List<string> images, IReadOnlyList<ImageOverride> overrides,
        IDigestResolver resolver, int concurrency, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(Math.Max(1, concurrency));
        var tasks = images.Select(async image =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return (image, result: await ResolveOneAsync(image, overrides, resolver, cancellationToken).ConfigureAwait(false), error: (string?)null);
            }
            catch (Exception e) when (e is ImagesException or Hull.Oci.OciException or HttpRequestException or IOException)
            {
                return (image, result: (ResolvedImage?)null, error: e.Message);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        var outcomes = await Task.WhenAll(tasks).ConfigureAwait(false);
        var errors = outcomes.Where(o => o.error is not null).Select(o => $"resolving image '{o.image}': {o.error}").ToList();
        if (errors.Count > 0)
        {
            throw new ImagesException(errors.Count == 1 ? errors[0] : $"{errors.Count} image references failed to resolve:\n" + string.Join('\n', errors));
        }
        return outcomes.ToDictionary(o => o.image, o => o.result!, StringComparer.Ordinal);
    }

    private static async Task<ResolvedImage> ResolveOneAsync(string image, IReadOnlyList<ImageOverride> overrides, IDigestResolver resolver, CancellationToken cancellationToken)
    {
        string target = image;
        if (overrides.FirstOrDefault(o => o.Matches(image)) is { } over)
        {
            if (over.Preresolved)
            {
                return new ResolvedImage(image, over.NewImage, [new PreresolvedOrigin(over.NewImage)]);
            }
            target = over.NewImage;
        }
        string url = await resolver.ResolveAsync(target, cancellationToken).ConfigureAwait(false);
        var location = TryLocation(target);
        if (location is null || location.Digest is not null)
        {
            return new ResolvedImage(image, url, []);
        }
        return new ResolvedImage(image, url, [new ResolvedOrigin(location.Tag ?? ImageReference.DefaultTag, target)]);
    }

    private static ImageLocation? TryLocation(string image)
    {
        try
        {
            return ImageLocation.Parse(image);
        }
        catch (Hull.Oci.OciException)
        {
            return null;
        }
    }

    private static void Annotate(Document document, IEnumerable<ResolvedImage> images)
    {
        // Only resources (maps with apiVersion and kind) carry metadata to annotate, as kbld requires.
        if (document.Value is not Map root || root.Find("kind") is null || root.Find("apiVersion") is null)
        {
            return;
        }
        var metadataItem = root.Find("metadata");
        if (metadataItem?.Value is not Map metadata)
        {
            metadata = new Map();
            if (metadataItem is null)
            {
                root.Items.Add(new MapItem("metadata", metadata));
            }
            else
            {
                metadataItem.Value = metadata;
            }
        }
        var annotationsItem = metadata.Find("annotations");
        if (annotationsItem?.Value is not Map annotations)
        {
            annotations = new Map();
            if (annotationsItem is null)
            {
                metadata.Items.Insert(0, new MapItem("annotations", annotations));
            }
            else
            {
                annotationsItem.Value = annotations;
            }
        }
        var existing = annotations.Find(ImagesAnnotationKey);
        var previous = existing?.Value is string text ? PreviousOrigins(text) : new Dictionary<string, List<ImageOrigin>>();
        var list = new YamlArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            if (!seen.Add(image.Url))
            {
                continue;
            }
            // A reference already by digest has no origin of its own; keep what an earlier run recorded for it.
            var entry = image.Origins.Count == 0 && previous.TryGetValue(image.Url, out var kept) ? image with { Origins = kept } : image;
            list.Items.Add(new ArrayItem(entry.AnnotationNode()));
        }
        string value = YamlEmitter.Emit(list);
        if (existing is null)
        {
            annotations.Items.Add(new MapItem(ImagesAnnotationKey, value));
        }
        else
        {
            existing.Value = value;
        }
    }

    private static Dictionary<string, List<ImageOrigin>> PreviousOrigins(string text)
    {
        var result = new Dictionary<string, List<ImageOrigin>>(StringComparer.Ordinal);
        DocumentSet set;
        try
        {
            set = YamlParser.Parse(text, ImagesAnnotationKey, new YamlParseOptions { WithoutComments = true });
        }
        catch (YamlException)
        {
            return result;
        }
        foreach (var doc in set.Items)
        {
            if (doc.Value is not YamlArray array)
            {
                continue;
            }
            foreach (var item in array.Items)
            {
                if (item.Value is Map m && m.Find("url")?.Value is string url && m.Find("origins")?.Value is YamlArray origins)
                {
                    result[url] = origins.Items.Select(o => o.Value).OfType<Map>().Select(o => (ImageOrigin)new KeptOrigin(o)).ToList();
                }
            }
        }
        return result;
    }
}
