using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;
using Hull.Templating;
using Hull.Templating.DataValues;
using Hull.Templating.Files;

namespace Hull.Packaging.Authoring;

/// <summary>
/// `hull package release --static`: a package folder's templates rendered at release time, so the bundle carries
/// plain YAML that ordinary tools (diff, grep, yq) audit and that needs no values at install time.
/// </summary>
public static class StaticPackage
{
    /// <summary>
    /// Renders <paramref name="directory"/>'s config with <paramref name="values"/> (plain YAML files or folders of them, read as `hull template --data-values-file` reads them; ytt's
    /// precedence) into a new package folder under <paramref name="into"/>: package.yml and package-metadata.yml
    /// as they are, config/ holding each template's rendered output under its own name (ytt --output-files).
    /// </summary>
    /// <exception cref="PackageAuthoringException">The folder is not a package or its templates fail.</exception>
    public static async Task RenderAsync(string directory, IReadOnlyList<string> values, string into, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        string packageFile = Path.Combine(directory, PackageScaffold.PackageFile);
        if (!File.Exists(packageFile))
        {
            throw new PackageAuthoringException($"{packageFile}: not found; is this a package folder? ('hull package init' creates one)");
        }
        Package draft;
        try
        {
            draft = ResourceYaml.ReadSingle<Package>(await File.ReadAllTextAsync(packageFile, cancellationToken).ConfigureAwait(false), packageFile);
        }
        catch (ResourceException ex)
        {
            throw new PackageAuthoringException(ex.Message);
        }
        var paths = draft.Spec.Template?.Spec?.Template?.FirstOrDefault(t => t.Ytt is not null)?.Ytt?.Paths ?? [PackageScaffold.ConfigDir + "/"];
        string configName = paths.Select(p => p.Trim('/')).FirstOrDefault(p => p is not ("" or "-" or ".")) ?? PackageScaffold.ConfigDir;
        string configDir = Path.Combine(directory, configName);
        if (!Directory.Exists(configDir))
        {
            throw new PackageAuthoringException($"{directory}: no {configName}/ with templates to render");
        }

        var collector = new FileCollector();
        collector.Add(configDir, () => Stream.Null);
        var options = new TemplateOptions();
        foreach (string file in values)
        {
            await DataValuesFiles.AddValuesFileAsync(options.DataValues, file, cancellationToken).ConfigureAwait(false);
        }
        RenderResult result;
        try
        {
            result = TemplateRenderer.Render(collector.Files, options);
        }
        catch (TemplateException ex)
        {
            throw new PackageAuthoringException($"{configDir}: rendering for a static release: {ex.Message}");
        }

        Directory.CreateDirectory(Path.Combine(into, configName));
        foreach (string name in new[] { PackageScaffold.PackageFile, PackageScaffold.MetadataFile })
        {
            if (File.Exists(Path.Combine(directory, name)))
            {
                File.Copy(Path.Combine(directory, name), Path.Combine(into, name), overwrite: true);
            }
        }
        foreach (var (path, bytes) in result.OutputFiles())
        {
            // A file that rendered to nothing (e.g. only helper functions) has nothing to audit or deploy.
            if (bytes.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'-'))
            {
                continue;
            }
            string target = Path.Combine(into, configName, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllBytesAsync(target, bytes, cancellationToken).ConfigureAwait(false);
        }
    }
}
