using System.Text;
using Hull.Yaml;

namespace Hull.Bundles.Locks;

/// <summary>
/// Reads and writes imgpkg's lock files exactly as imgpkg does: reading is strict (unknown keys are errors, as
/// with sigs.k8s.io/yaml's UnmarshalStrict); writing goes JSON-then-YAML like sigs.k8s.io/yaml, so keys come out
/// in alphabetical order, behind a <c>---</c> line, with go-yaml v2's quoting (Hull.Yaml's emitter).
/// </summary>
public static class LockYaml
{
    /// <summary>A parsed <c>--lock</c> input: exactly one of the two is set.</summary>
    /// <param name="BundleLock">The BundleLock, when the file is one.</param>
    /// <param name="ImagesLock">The ImagesLock, when the file is one.</param>
    public sealed record LockFile(BundleLock? BundleLock, ImagesLock? ImagesLock);

    /// <summary>Parses and validates an ImagesLock; <paramref name="what"/> names the file in errors.</summary>
    public static ImagesLock ParseImagesLock(byte[] yaml, string what)
    {
        var root = Root(yaml, what, "images lock");
        try
        {
            root.Only("apiVersion", "kind", "images");
            LockApi.Check(root.String("apiVersion"), root.String("kind"), LockApi.ImagesLockKind);
            var images = new List<ImagesLockEntry>();
            foreach (var item in root.Sequence("images"))
            {
                var map = item.AsMap("images[]");
                map.Only("image", "annotations");
                images.Add(new ImagesLockEntry(map.String("image") ?? "", map.StringMap("annotations")));
            }
            var result = new ImagesLock { Images = images };
            result.Validate();
            return result;
        }
        catch (BundleException ex) when (!ex.Message.StartsWith(what, StringComparison.Ordinal))
        {
            throw new BundleException($"{what}: Validating images lock: {ex.Message}", ex);
        }
    }

    /// <summary>Parses and validates a BundleLock.</summary>
    public static BundleLock ParseBundleLock(byte[] yaml, string what)
    {
        var root = Root(yaml, what, "bundle lock");
        try
        {
            return ParseBundleLock(root);
        }
        catch (BundleException ex) when (!ex.Message.StartsWith(what, StringComparison.Ordinal))
        {
            throw new BundleException($"{what}: Validating bundle lock: {ex.Message}", ex);
        }
    }

    /// <summary>Parses a <c>--lock</c> file: a BundleLock or an ImagesLock, by kind.</summary>
    public static LockFile ParseLockFile(byte[] yaml, string what)
    {
        var root = Root(yaml, what, "lock");
        string? kind = root.String("kind");
        return kind switch
        {
            LockApi.BundleLockKind => new LockFile(ParseBundleLock(yaml, what), null),
            LockApi.ImagesLockKind => new LockFile(null, ParseImagesLock(yaml, what)),
            _ => throw new BundleException($"{what}: Expected kind BundleLock or ImagesLock, got '{kind}'"),
        };
    }

    /// <summary>Parses the content of a locations image.</summary>
    public static ImageLocations ParseImageLocations(byte[] yaml, string what)
    {
        var root = Root(yaml, what, "image locations config");
        LockApi.Check(root.String("apiVersion"), root.String("kind"), LockApi.ImageLocationsKind);
        var images = new List<ImageLocationEntry>();
        foreach (var item in root.Sequence("images"))
        {
            var map = item.AsMap("images[]");
            images.Add(new ImageLocationEntry(map.String("image") ?? "", map.Bool("isBundle")));
        }
        return new ImageLocations(images);
    }

    /// <summary>Parses <c>.imgpkg/bundle.yml</c>.</summary>
    public static BundleMetadata ParseBundleMetadata(byte[] yaml, string what)
    {
        var root = Root(yaml, what, "bundle metadata");
        root.Only("apiVersion", "kind", "metadata", "authors", "websites");
        LockApi.Check(root.String("apiVersion"), root.String("kind"), LockApi.BundleKind);
        return new BundleMetadata
        {
            Metadata = root.StringMap("metadata") ?? new Dictionary<string, string>(),
            Authors = root.Sequence("authors").Select(a => a.AsMap("authors[]")).Select(a => new BundleAuthor(a.String("name"), a.String("email"))).ToList(),
            Websites = root.Sequence("websites").Select(w => w.AsMap("websites[]").String("url") ?? "").ToList(),
        };
    }

    /// <summary>imgpkg's bytes for an ImagesLock.</summary>
    public static byte[] Emit(ImagesLock imagesLock)
    {
        var root = new SortedMap { ["apiVersion"] = LockApi.Version, ["kind"] = LockApi.ImagesLockKind };
        if (imagesLock.Images.Count > 0)
        {
            root["images"] = new YamlArray(imagesLock.Images.Select(image =>
            {
                var item = new SortedMap();
                if (image.Image.Length > 0)
                {
                    item["image"] = image.Image;
                }
                if (image.Annotations is { Count: > 0 } annotations)
                {
                    var map = new SortedMap();
                    foreach (var (k, v) in annotations)
                    {
                        map[k] = v;
                    }
                    item["annotations"] = map.ToMap();
                }
                return new ArrayItem(item.ToMap());
            }));
        }
        return Document(root);
    }

    /// <summary>imgpkg's bytes for a BundleLock.</summary>
    public static byte[] Emit(BundleLock bundleLock)
    {
        var bundle = new SortedMap { ["image"] = bundleLock.Image };
        if (!string.IsNullOrEmpty(bundleLock.Tag))
        {
            bundle["tag"] = bundleLock.Tag;
        }
        return Document(new SortedMap { ["apiVersion"] = LockApi.Version, ["bundle"] = bundle.ToMap(), ["kind"] = LockApi.BundleLockKind });
    }

    /// <summary>imgpkg's bytes for the file inside a locations image.</summary>
    public static byte[] Emit(ImageLocations locations) => Document(new SortedMap
    {
        ["apiVersion"] = LockApi.Version,
        ["images"] = new YamlArray(locations.Images.Select(i => new ArrayItem(new SortedMap { ["image"] = i.Image, ["isBundle"] = i.IsBundle }.ToMap()))),
        ["kind"] = LockApi.ImageLocationsKind,
    });

    // sigs.k8s.io/yaml goes through JSON and a generic map, so go-yaml writes the keys in sorted order.
    private static byte[] Document(SortedMap root) => Encoding.UTF8.GetBytes("---\n" + YamlEmitter.Emit(root.ToMap()));

    private sealed class SortedMap : SortedDictionary<string, object?>
    {
        public SortedMap()
            : base(GoKeyOrder.Instance)
        {
        }

        public Map ToMap() => new(this.Select(e => new MapItem(e.Key, e.Value is SortedMap m ? m.ToMap() : e.Value)));
    }

    private static BundleLock ParseBundleLock(LockNode root)
    {
        root.Only("apiVersion", "kind", "bundle");
        LockApi.Check(root.String("apiVersion"), root.String("kind"), LockApi.BundleLockKind);
        var bundle = root.Map("bundle");
        bundle?.Only("image", "tag", "otherTags");
        var result = new BundleLock(bundle?.String("image") ?? "", bundle?.String("tag"));
        result.Validate();
        return result;
    }

    private static LockNode Root(byte[] yaml, string what, string kind)
    {
        try
        {
            return LockNode.Parse(Encoding.UTF8.GetString(yaml), what).AsMap("document");
        }
        catch (BundleException ex)
        {
            throw new BundleException($"{what}: Unmarshaling {kind}: {ex.Message}", ex);
        }
    }
}
