using Hull.Oci.Storage;
using System.CommandLine;
using Hull.Bundles.Images;
using Hull.Images.Resolving;
using Hull.Oci.Registry;
using Hull.Oci.Signatures;
using Hull.Packaging.Auditing;
using Hull.Packaging.Metapackages;
using Hull.Packaging.Rendering;
using Hull.Packaging.Repositories;
using Hull.Packaging.Sources;

namespace Hull.Cli.Commands;

/// <summary>`hull package show NAME/VERSION`: a released package's files, images by digest, dependencies and values.</summary>
public static class PackageShowCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var target = new Argument<string>("NAME/VERSION") { Description = "The package and its version" };
        var rendered = new Option<bool>("--rendered") { Description = "Also print the output rendered with default values" };
        var keys = new VerificationKeysOption("Check the bundle's signatures against this public key (PEM; repeatable)");
        var repos = new RepositoryOptions();
        var command = new Command("show", "Show a released package for review: its bundle's signatures, files, its images (by digest), the packages it installs, its values") { target, rendered };
        keys.AddTo(command, required: false);
        repos.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var reports = await ReportsAsync(parse, repos, [parse.GetValue(target)!], keys.Load(parse), cancellationToken).ConfigureAwait(false);
            var output = parse.InvocationConfiguration.Output;
            foreach (string line in reports[0].Lines())
            {
                output.WriteLine(line);
            }
            if (parse.GetValue(rendered) && reports[0].Rendered is { } yaml)
            {
                output.WriteLine("Rendered:");
                output.Write(yaml);
            }
            return HullApp.Success;
        });
        return command;
    }

    /// <summary>
    /// Finds each NAME/VERSION in the repositories and builds its report; with <paramref name="signatureKeys"/>, each
    /// report also lists the bundle's signatures checked against them.
    /// </summary>
    internal static async Task<IReadOnlyList<PackageReport>> ReportsAsync(ParseResult parse, RepositoryOptions repos, IReadOnlyList<string> targets,
        IReadOnlyCollection<VerificationKey>? signatureKeys, CancellationToken cancellationToken)
    {
        using var client = new RegistryClient(repos.Registry(parse));
        var stores = new ImageStores(client);
        var loaded = await repos.LoadAsync(parse, stores, cancellationToken).ConfigureAwait(false);
        var contents = loaded.Select(l => l.Contents).ToList();
        var renderer = new RepositoryPackageRenderer(stores, contents, new PackageRenderer(new StoreDigestResolver(client)), PackageBundleFetcher.DefaultCacheDirectory());
        var reports = new List<PackageReport>();
        foreach (string text in targets)
        {
            int slash = text.LastIndexOf('/');
            if (slash <= 0 || slash == text.Length - 1)
            {
                throw new PackageTreeException($"expected NAME/VERSION, got '{text}'");
            }
            string refName = text[..slash];
            var holder = contents.FirstOrDefault(c => c.PackageNames.Contains(refName, StringComparer.Ordinal))
                ?? throw new PackageTreeException($"package '{refName}' is in none of the repositories read");
            RepositoryPackage package = holder.Find(refName, text[(slash + 1)..]);
            var report = await PackageReport.CreateAsync(package, renderer, cancellationToken).ConfigureAwait(false);
            if (signatureKeys is not null)
            {
                // Without --key, a verified repository's trusted keys are the ones to check against.
                var source = loaded.First(l => ReferenceEquals(l.Contents, holder)).Source;
                bool trusted = signatureKeys.Count == 0 && source.IsVerified;
                var keys = trusted ? RepositoryTrust.LoadKeys(source) : signatureKeys;
                string keysName = trusted ? $"trusted for repository {source.Name}" : "given";
                report = report with { Signatures = await BundleSignatures.ReadAsync(stores, report.Bundle, keys, keysName, cancellationToken).ConfigureAwait(false) };
            }
            reports.Add(report);
        }
        return reports;
    }
}
