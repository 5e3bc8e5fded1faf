using System.Text;
using Hull.Bundles.Contents;
using Hull.Bundles.Locks;
using Hull.Images;
using Hull.Images.Output;
using Hull.Images.Resolving;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.App;
using Hull.Packaging.Resources.Serialization;
using Hull.Templating;
using Hull.Templating.Files;
using Hull.Yaml;

namespace Hull.Packaging.Rendering;

/// <summary>
/// Runs a Package's template steps in-process, as kapp-controller's App reconciler does after fetching the bundle:
/// ytt (Hull.Templating) over the step's paths with the user's values (the package's schema supplies the defaults),
/// then kbld (Hull.Images) with the bundle's ImagesLock, so every image ends up by digest at its current location.
/// </summary>
public sealed class PackageRenderer(IDigestResolver? resolver = null)
{
    /// <summary>The ytt version <c>@ytt:version</c> compares against.</summary>
    public string TemplateVersion { get; init; } = "0.45.0";

    /// <summary>Renders <paramref name="package"/> from <paramref name="bundle"/> with <paramref name="values"/> given to its first ytt step.</summary>
    /// <exception cref="PackageRenderException">A step fails; the message names the package, the step and the cause.</exception>
    public Task<RenderedPackage> RenderAsync(Package package, PackageBundle bundle, IReadOnlyList<PackageValues> values, CancellationToken cancellationToken) =>
        RenderAsync(package, bundle, values, null, cancellationToken);

    /// <summary>
    /// Renders <paramref name="package"/> as the App <paramref name="app"/> (its name and namespace feed the ytt steps'
    /// downward API values; without it those values are left out and the package's defaults apply).
    /// </summary>
    /// <exception cref="PackageRenderException">A step fails; the message names the package, the step and the cause.</exception>
    public async Task<RenderedPackage> RenderAsync(Package package, PackageBundle bundle, IReadOnlyList<PackageValues> values, AppIdentity? app, CancellationToken cancellationToken)
    {
        string what = $"{package.Spec.RefName} {package.Spec.Version}";
        var steps = package.Spec.Template?.Spec?.Template ?? [];
        if (steps.Count == 0)
        {
            steps = [new AppTemplate { Ytt = new AppTemplateYtt() }];
        }
        string? previous = null;
        bool valuesGiven = false;
        for (int i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            string where = $"{what}: template step {i + 1}";
            if (step.Ytt is { } ytt)
            {
                previous = Ytt(ytt, bundle, previous, valuesGiven ? [] : values, app, where);
                valuesGiven = true;
            }
            else if (step.Kbld is { } kbld)
            {
                previous = await KbldAsync(kbld, bundle, previous, where, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                throw new PackageRenderException($"{where}: only ytt and kbld template steps are supported");
            }
        }
        return Read(previous ?? "", $"output of {what}");
    }

    /// <summary>Reads rendered YAML into documents and resources.</summary>
    public static RenderedPackage Read(string yaml, string where)
    {
        try
        {
            var set = YamlParser.Parse(yaml, where, new YamlParseOptions { WithoutComments = true });
            var documents = set.Items.Where(d => !d.Injected && !d.IsEmpty).ToList();
            var resources = ResourceYaml.Read(yaml, where).Documents.Select(d => d.Resource).ToList();
            return new RenderedPackage(yaml, documents, resources);
        }
        catch (Exception ex) when (ex is YamlException or ResourceException)
        {
            throw new PackageRenderException($"{where}: {ex.Message}", ex);
        }
    }

    private string Ytt(AppTemplateYtt step, PackageBundle bundle, string? previous, IReadOnlyList<PackageValues> values, AppIdentity? app, string where)
    {
        var files = new List<InputFile>();
        var bundlePaths = new Dictionary<InputFile, string>(ReferenceEqualityComparer.Instance);
        var paths = step.Paths is { Count: > 0 } p ? p : ["."];
        foreach (string raw in paths)
        {
            if (raw == "-")
            {
                files.Add(new InputFile("stdin.yml", Encoding.UTF8.GetBytes(previous ?? ""), FileKind.YamlTemplate));
                continue;
            }
            string path = raw.Trim('/');
            if (path.StartsWith("./", StringComparison.Ordinal))
            {
                path = path[2..];
            }
            if (path is "" or ".")
            {
                foreach (var f in bundle.Files.Where(f => !f.Key.StartsWith(BundleFiles.ImgpkgDir + "/", StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal))
                {
                    files.Add(Tracked(File(f.Key, f.Value), f.Key, bundlePaths));
                }
                continue;
            }
            if (bundle.Files.TryGetValue(path, out var single))
            {
                files.Add(Tracked(File(path[(path.LastIndexOf('/') + 1)..], single), path, bundlePaths));
                continue;
            }
            var under = bundle.Files.Where(f => f.Key.StartsWith(path + "/", StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
            if (under.Count == 0)
            {
                throw new PackageRenderException($"{where} (ytt): path '{raw}' is not in bundle {bundle.DigestReference}");
            }
            files.AddRange(under.Select(f => Tracked(File(f.Key[(path.Length + 1)..], f.Value), f.Key, bundlePaths)));
        }
        foreach (string mark in step.FileMarks ?? [])
        {
            ApplyMark(files, bundlePaths, mark, where);
        }
        var options = new TemplateOptions
        {
            IgnoreUnknownComments = step.IgnoreUnknownComments,
            Strict = step.Strict,
            Version = TemplateVersion,
        };
        foreach (var source in step.ValuesFrom ?? [])
        {
            if (source.Path is { } valuesPath && bundle.Files.TryGetValue(valuesPath.TrimStart('.', '/'), out var bytes))
            {
                AddValues(files, options, new PackageValues(valuesPath, Encoding.UTF8.GetString(bytes)));
            }
            if (source.DownwardAPI?.Items is { Count: > 0 } items && DownwardValues(items, app, where) is { } downward)
            {
                options.DataValues.AddPlainYaml("downwardAPI", downward);
            }
        }
        foreach (var value in values)
        {
            AddValues(files, options, value);
        }
        try
        {
            return TemplateRenderer.Render(files, options).CombinedYaml();
        }
        catch (TemplateException ex)
        {
            throw new PackageRenderException($"{where} (ytt): {ex.Message}", ex);
        }
    }

    // The App's name and namespace under each item's name (dots nest keys, as ytt's --data-value-yaml a.b=v does).
    // Without an App (a package shown or its tree resolved outside an install) the items are left out.
    private static string? DownwardValues(IReadOnlyList<DownwardApiItem> items, AppIdentity? app, string where)
    {
        var root = new Map();
        foreach (var item in items)
        {
            string name = item.Name is { Length: > 0 } n ? n : throw new PackageRenderException($"{where} (ytt): a downwardAPI item has no name");
            string? value = item.FieldPath switch
            {
                "metadata.name" => app?.Name,
                "metadata.namespace" => app?.Namespace,
                null when item.KappControllerVersion?.Version is { } v => v,
                null when item.KubernetesVersion?.Version is { } v => v,
                _ => throw new PackageRenderException($"{where} (ytt): downwardAPI item '{name}': only fieldPath metadata.name and metadata.namespace (or given versions) are supported"),
            };
            if (value is null)
            {
                continue;
            }
            var map = root;
            string[] keys = name.Split('.');
            for (int k = 0; k < keys.Length - 1; k++)
            {
                if (map.Find(keys[k])?.Value is not Map inner)
                {
                    inner = new Map();
                    map.Items.Add(new MapItem(keys[k], inner));
                }
                map = inner;
            }
            map.Items.Add(new MapItem(keys[^1], value));
        }
        return root.Items.Count == 0 ? null : YamlEmitter.Emit(root);
    }

    // kapp-controller hands values to ytt as plain data values files; a file that is itself a ytt data values
    // document (the guide's sample-values.yaml) is given as a template file, as `ytt -f` would take it.
    private static void AddValues(List<InputFile> files, TemplateOptions options, PackageValues value)
    {
        if (value.Text.Contains("#@data/values", StringComparison.Ordinal))
        {
            files.Add(new InputFile(value.Name.Replace('/', '-') + (value.Name.EndsWith(".yml", StringComparison.Ordinal) || value.Name.EndsWith(".yaml", StringComparison.Ordinal) ? "" : ".yml"),
                Encoding.UTF8.GetBytes(value.Text), FileKind.YamlTemplate)
            { ForOutput = false });
        }
        else if (!string.IsNullOrWhiteSpace(value.Text))
        {
            options.DataValues.AddPlainYaml(value.Name, value.Text);
        }
    }

    private static InputFile Tracked(InputFile file, string bundlePath, Dictionary<InputFile, string> bundlePaths)
    {
        bundlePaths[file] = bundlePath;
        return file;
    }

    // ytt's --file-mark as kapp-controller passes a step's fileMarks: PATH:KEY=VALUE, PATH a glob matched against the
    // file's path as ytt sees it or its path in the bundle (config/values.yml).
    private static void ApplyMark(List<InputFile> files, Dictionary<InputFile, string> bundlePaths, string mark, string where)
    {
        int colon = mark.LastIndexOf(':');
        int eq = colon < 0 ? -1 : mark.IndexOf('=', colon);
        if (colon <= 0 || eq < 0)
        {
            throw new PackageRenderException($"{where} (ytt): file mark '{mark}' is not PATH:KEY=VALUE");
        }
        string pattern = mark[..colon], key = mark[(colon + 1)..eq], value = mark[(eq + 1)..];
        bool matched = false;
        for (int i = files.Count - 1; i >= 0; i--)
        {
            var file = files[i];
            if (!FileCollector.GlobMatch(pattern, file.RelativePath) && !(bundlePaths.TryGetValue(file, out var inBundle) && FileCollector.GlobMatch(pattern, inBundle)))
            {
                continue;
            }
            matched = true;
            InputFile? marked = (key, value) switch
            {
                ("exclude", "true") => null,
                ("exclude", "false") => file,
                ("for-output", "true" or "false") => file with { ForOutput = value == "true" },
                ("type", "yaml-template") => file with { Kind = FileKind.YamlTemplate },
                ("type", "yaml-plain") => file with { Kind = FileKind.YamlPlain },
                ("type", "text-template") => file with { Kind = FileKind.TextTemplate },
                ("type", "text-plain") => file with { Kind = FileKind.TextPlain },
                ("type", "starlark") => file with { Kind = FileKind.Starlark },
                ("type", "data") => file with { Kind = FileKind.Data },
                _ => throw new PackageRenderException($"{where} (ytt): file mark '{mark}': unknown key or value"),
            };
            if (marked is null)
            {
                files.RemoveAt(i);
            }
            else
            {
                files[i] = marked;
            }
        }
        if (!matched)
        {
            throw new PackageRenderException($"{where} (ytt): file mark '{mark}' matches no file");
        }
    }

    private static InputFile File(string relativePath, byte[] bytes) => new(relativePath, bytes, FileKinds.FromName(relativePath));

    private async Task<string> KbldAsync(AppTemplateKbld step, PackageBundle bundle, string? previous, string where, CancellationToken cancellationToken)
    {
        var inputs = new List<DocumentSet>();
        var paths = step.Paths is { Count: > 0 } p ? p : ["-"];
        try
        {
            foreach (string raw in paths)
            {
                if (raw == "-")
                {
                    inputs.Add(YamlParser.Parse(previous ?? "", "stdin"));
                }
                else if (raw.Trim('/') is ".imgpkg/images.yml" or "./.imgpkg/images.yml")
                {
                    inputs.Add(YamlParser.Parse(Encoding.UTF8.GetString(LockYaml.Emit(bundle.ImagesLock)), BundleFiles.ImagesLockPath));
                }
                else if (bundle.Files.TryGetValue(raw.Trim('/'), out var bytes))
                {
                    inputs.Add(YamlParser.Parse(Encoding.UTF8.GetString(bytes), raw));
                }
                else
                {
                    throw new PackageRenderException($"{where} (kbld): path '{raw}' is not in bundle {bundle.DigestReference}");
                }
            }
            var result = await ImageResolution.ResolveAsync(inputs, resolver ?? new LockOnlyResolver(bundle.DigestReference), cancellationToken: cancellationToken).ConfigureAwait(false);
            return ResolvedOutput.Emit(result.Resources);
        }
        catch (Exception ex) when (ex is ImagesException or YamlException)
        {
            throw new PackageRenderException($"{where} (kbld): {ex.Message.ReplaceLineEndings(" ")}", ex);
        }
    }

    // Without a registry every image must come from the bundle's ImagesLock, which is what a complete bundle promises.
    private sealed class LockOnlyResolver(string bundle) : IDigestResolver
    {
        public Task<ResolvedReference> ResolveAsync(string image, CancellationToken cancellationToken = default) =>
            throw new ImagesException($"image '{image}' is not in the ImagesLock of bundle {bundle}");
    }
}
