using System.CommandLine;
using System.Globalization;
using Hull.Packaging.Available;
using Hull.Packaging.Repositories;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;
using Hull.Packaging.Sources;

namespace Hull.Cli.Commands;

/// <summary>`hull package available list|get`: the packages and versions of one or more repositories.</summary>
public static class PackageAvailableCommand
{
    /// <summary>`available list [NAME]`: every package with its latest version, or one package's versions.</summary>
    public static Command List()
    {
        var name = new Argument<string?>("NAME") { Description = "List this package's versions", Arity = ArgumentArity.ZeroOrOne };
        var repos = new RepositoryOptions();
        var command = new Command("list", "List packages (NAME, DISPLAY-NAME, SHORT-DESCRIPTION, LATEST-VERSION), or the versions of one") { name };
        repos.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = await repos.LoadAsync(parse, cancellationToken).ConfigureAwait(false);
            bool several = loaded.Count > 1;
            string? wanted = parse.GetValue(name);
            var table = wanted is null
                ? new TextTable(several ? ["NAME", "DISPLAY-NAME", "SHORT-DESCRIPTION", "LATEST-VERSION", "REPOSITORY"] : ["NAME", "DISPLAY-NAME", "SHORT-DESCRIPTION", "LATEST-VERSION"])
                : new TextTable(several ? ["NAME", "VERSION", "RELEASED-AT", "REPOSITORY"] : ["NAME", "VERSION", "RELEASED-AT"]);
            if (wanted is null)
            {
                foreach (var (source, contents) in loaded)
                {
                    foreach (string refName in contents.PackageNames)
                    {
                        var spec = contents.Metadata.GetValueOrDefault(refName)?.Metadata.Spec;
                        table.Add(refName, spec?.DisplayName, spec?.ShortDescription, contents.LatestVersion(refName)?.ToString() ?? "", source.Name);
                    }
                }
            }
            else
            {
                foreach (var (source, contents) in Containing(loaded, wanted))
                {
                    foreach (var version in contents.Versions(wanted))
                    {
                        table.Add(wanted, version.Version.ToString(), ReleasedAt(version), source.Name);
                    }
                }
            }
            table.WriteTo(parse.InvocationConfiguration.Output);
            return HullApp.Success;
        });
        return command;
    }

    /// <summary>`available get NAME[/VERSION]`: a package's description and versions, or one version's details and values schema.</summary>
    public static Command Get()
    {
        var target = new Argument<string>("NAME[/VERSION]") { Description = "The package, and optionally the version (default: metadata and versions)" };
        var repos = new RepositoryOptions();
        var format = new Option<string>("--output", "-o") { Description = "text, or yaml: the PackageMetadata and Package resources (to apply with kubectl)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "yaml");
        var valuesSchema = new Option<bool>("--values-schema") { Description = "Only the values schema of NAME/VERSION (KEY, DEFAULT, TYPE, DESCRIPTION, as tanzu prints it)" };
        var command = new Command("get", "Show a package, or one version with its values schema (KEY, TYPE, DEFAULT, DESCRIPTION)") { target, format, valuesSchema };
        repos.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string text = parse.GetValue(target)!;
            int slash = text.IndexOf('/', StringComparison.Ordinal);
            string refName = slash < 0 ? text : text[..slash];
            string? version = slash < 0 ? null : text[(slash + 1)..];
            var loaded = await repos.LoadAsync(parse, cancellationToken).ConfigureAwait(false);
            var (source, contents) = Containing(loaded, refName)[0];
            var output = parse.InvocationConfiguration.Output;
            var meta = contents.Metadata.GetValueOrDefault(refName)?.Metadata.Spec;
            if (parse.GetValue(format) == "yaml")
            {
                var resources = new List<IResource>();
                if (contents.Metadata.GetValueOrDefault(refName) is { } metadata)
                {
                    resources.Add(metadata.Metadata);
                }
                resources.AddRange(version is null ? contents.Versions(refName).Select(v => v.Package) : [contents.Find(refName, version).Package]);
                output.Write(ResourceYaml.Emit(resources));
                return HullApp.Success;
            }
            if (version is null)
            {
                if (parse.GetValue(valuesSchema))
                {
                    throw new RepositorySourceException($"--values-schema needs a version: {refName}/VERSION");
                }
                Fields(output, [
                    ("NAME", refName),
                    ("DISPLAY-NAME", meta?.DisplayName),
                    ("CATEGORIES", meta?.Categories is { } categories ? string.Join(", ", categories) : null),
                    ("SHORT-DESCRIPTION", meta?.ShortDescription),
                    ("LONG-DESCRIPTION", meta?.LongDescription),
                    ("PROVIDER", meta?.ProviderName),
                    ("MAINTAINERS", meta?.Maintainers is { } m ? string.Join(", ", m.Select(x => x.Name)) : null),
                    ("SUPPORT-DESCRIPTION", meta?.SupportDescription),
                    ("REPOSITORY", source.Name),
                ]);
                output.WriteLine();
                var versions = new TextTable("VERSION", "RELEASED-AT");
                foreach (var v in contents.Versions(refName))
                {
                    versions.Add(v.Version.ToString(), ReleasedAt(v));
                }
                versions.WriteTo(output);
                return HullApp.Success;
            }
            var package = contents.Find(refName, version);
            var spec = package.Package.Spec;
            if (parse.GetValue(valuesSchema))
            {
                WriteSchema(output, spec.ValuesSchema?.OpenAPIv3, $"{refName} {version} has no values schema.", tanzuOrder: true);
                return HullApp.Success;
            }
            Fields(output, [
                ("NAME", refName),
                ("VERSION", spec.Version),
                ("RELEASED-AT", ReleasedAt(package)),
                ("DISPLAY-NAME", meta?.DisplayName),
                ("SHORT-DESCRIPTION", meta?.ShortDescription),
                ("PACKAGE-PROVIDER", meta?.ProviderName),
                ("MINIMUM-CAPACITY-REQUIREMENTS", spec.CapacityRequirementsDescription),
                ("LONG-DESCRIPTION", meta?.LongDescription),
                ("MAINTAINERS", meta?.Maintainers is { } people ? string.Join(", ", people.Select(x => x.Name)) : null),
                ("RELEASE-NOTES", spec.ReleaseNotes),
                ("LICENSE", spec.Licenses is { } licenses ? string.Join(", ", licenses) : null),
                ("BUNDLE", string.Join(", ", (spec.Template?.Spec?.Fetch ?? []).Select(f => f.ImgpkgBundle?.Image).OfType<string>())),
                ("REPOSITORY", source.Name),
            ]);
            output.WriteLine();
            WriteSchema(output, spec.ValuesSchema?.OpenAPIv3, "No values schema.", tanzuOrder: false);
            return HullApp.Success;
        });
        return command;
    }

    // The values schema's rows; tanzu's --values-schema puts DEFAULT before TYPE.
    private static void WriteSchema(TextWriter output, object? schema, string none, bool tanzuOrder)
    {
        var rows = ValuesSchemaRows.From(schema);
        if (rows.Count == 0)
        {
            output.WriteLine(none);
            return;
        }
        var table = tanzuOrder ? new TextTable("KEY", "DEFAULT", "TYPE", "DESCRIPTION") : new TextTable("KEY", "TYPE", "DEFAULT", "DESCRIPTION");
        foreach (var row in rows)
        {
            table.Add(row.Key, tanzuOrder ? row.Default : row.Type, tanzuOrder ? row.Type : row.Default, row.Description);
        }
        table.WriteTo(output);
    }

    // A package may live in several repositories; each is listed, the first added wins for 'get'.
    private static List<(RepositorySource Source, RepositoryContents Contents)> Containing(
        IReadOnlyList<(RepositorySource Source, RepositoryContents Contents)> loaded, string refName)
    {
        var found = loaded.Where(r => r.Contents.PackageNames.Contains(refName, StringComparer.Ordinal)).ToList();
        if (found.Count == 0)
        {
            // Let the first repository explain, with its list of packages and a suggestion.
            loaded[0].Contents.Versions(refName);
        }
        return found;
    }

    // tanzu prints Go's time format.
    private static string ReleasedAt(RepositoryPackage package) =>
        package.Package.Spec.ReleasedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss '+0000 UTC'", CultureInfo.InvariantCulture) ?? "";

    private static void Fields(TextWriter output, (string Name, string? Value)[] fields)
    {
        int width = fields.Max(f => f.Name.Length) + 2;
        foreach (var (fieldName, value) in fields)
        {
            output.WriteLine($"{(fieldName + ":").PadRight(width)}{(value ?? "").ReplaceLineEndings(" ")}".TrimEnd());
        }
    }
}
