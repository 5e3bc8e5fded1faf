using Hull.Images.Config;
using Hull.Images.Output;
using Hull.Images.Resolving;
using Hull.Images.Search;
using Hull.Yaml;

namespace Hull.Images;

/// <summary>
/// kbld's resolve: finds image references in resources, resolves each distinct one once (in parallel, bounded),
/// writes the digest references back and records origins in the <c>kbld.k14s.io/images</c> annotation.
/// </summary>
public static class ImageResolution
{
    /// <summary>The annotation kbld records resolved images in.</summary>
    public const string ImagesAnnotationKey = "kbld.k14s.io/images";

    /// <summary>Splits inputs into resources and the configuration they carry (Config, ImagesLock documents).</summary>
    public static (List<Resource> Resources, KbldConfig Config) Load(IEnumerable<DocumentSet> inputs, IReadOnlyDictionary<string, string>? imageMap = null)
    {
        var config = new KbldConfig();
        var resources = new List<Resource>();
        foreach (var resource in Resource.From(inputs))
        {
            if (!config.TryAdd(resource.Root, resource.Where))
            {
                resources.Add(resource);
            }
        }
        if (imageMap is not null)
        {
            config.AddImageMap(imageMap);
        }
        return (resources, config);
    }

    /// <summary>
    /// Resolves the images of <paramref name="inputs"/>. Every failing reference is reported together in one
    /// <see cref="ImagesException"/> (one line each) and nothing is changed in that case.
    /// </summary>
    public static async Task<ResolveResult> ResolveAsync(IEnumerable<DocumentSet> inputs, IDigestResolver resolver,
        ResolveOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ResolveOptions();
        var (resources, config) = Load(inputs, options.ImageMap);
        var finder = new ImageFinder(config.SearchRules);
        var finalisers = new List<Action>();
        var sitesByResource = resources.Select(r => finder.Find(r.Root, finalisers)).ToList();
        var distinct = sitesByResource.SelectMany(s => s).Select(s => s.Image).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        if (options.Unresolved)
        {
            return new ResolveResult(resources, distinct.Select(i => new ImageResolutionRecord(i, i, [])).ToList(), config);
        }

        var resolved = await ResolveAllAsync(distinct, config.Overrides, resolver, options.Concurrency, cancellationToken).ConfigureAwait(false);

        for (int r = 0; r < resources.Count; r++)
        {
            var sites = sitesByResource[r];
            foreach (var site in sites)
            {
                site.Set(resolved[site.Image].Url);
            }
            if (options.ImagesAnnotation)
            {
                Annotate(resources[r].Root, sites.Select(s => resolved[s.Image]));
            }
        }
        foreach (var finalise in finalisers)
        {
            finalise();
        }
        return new ResolveResult(resources, distinct.Select(i => resolved[i]).ToList(), config);
    }

    private static async Task<Dictionary<string, ImageResolutionRecord>> ResolveAllAsync(List<string> images, IReadOnlyList<ImageOverride> overrides,
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
            catch (Exception e) when (e is ImagesException or Hull.Oci.OciException or HttpRequestException or IOException or TimeoutException
                or TaskCanceledException { CancellationToken.IsCancellationRequested: false })
            {
                return (image, result: (ImageResolutionRecord?)null, error: OneLine(e));
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
            throw new ImagesException(errors.Count == 1 ? errors[0] : $"{errors.Count} image references failed to resolve:\n- " + string.Join("\n- ", errors));
        }
        return outcomes.ToDictionary(o => o.image, o => o.result!, StringComparer.Ordinal);
    }

    private static string OneLine(Exception e)
    {
        string message = e is HttpRequestException { InnerException: { } inner } ? $"{e.Message} ({inner.Message})" : e.Message;
        return message.ReplaceLineEndings(" ");
    }

    private static async Task<ImageResolutionRecord> ResolveOneAsync(string image, IReadOnlyList<ImageOverride> overrides, IDigestResolver resolver, CancellationToken cancellationToken)
    {
        string target = image;
        foreach (var over in overrides)
        {
            if (!over.Matches(image))
            {
                continue;
            }
            if (over.Preresolved)
            {
                var origins = (over.Origins ?? []).Select(o => (Map)o.DeepCopy()).Append(ImageOrigin.Preresolved(over.NewImage)).ToList();
                return new ImageResolutionRecord(image, over.NewImage, origins);
            }
            target = over.NewImage;
            break;
        }
        var reference = await resolver.ResolveAsync(target, cancellationToken).ConfigureAwait(false);
        return new ImageResolutionRecord(image, reference.Url, reference.Origins);
    }

    // kbld annotates any resource with at least one image that has origins: entries deduplicated, sorted by url.
    private static void Annotate(Map root, IEnumerable<ImageResolutionRecord> images)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var entries = images.Where(i => i.Origins.Count > 0 && seen.Add(i.AnnotationKey())).OrderBy(i => i.Url, StringComparer.Ordinal).ToList();
        if (entries.Count == 0)
        {
            return;
        }
        var list = new YamlArray(entries.Select(e => new ArrayItem(e.AnnotationNode())));
        var annotations = ChildMap(ChildMap(root, "metadata"), "annotations");
        string value = GoYaml.Emit(list);
        if (annotations.Find(ImagesAnnotationKey) is { } existing)
        {
            existing.Value = value;
        }
        else
        {
            annotations.Items.Add(new MapItem(ImagesAnnotationKey, value));
        }
    }

    private static Map ChildMap(Map parent, string key)
    {
        var item = parent.Find(key);
        if (item?.Value is Map map)
        {
            return map;
        }
        map = new Map();
        if (item is null)
        {
            parent.Items.Add(new MapItem(key, map));
        }
        else
        {
            item.Value = map;
        }
        return map;
    }
}
