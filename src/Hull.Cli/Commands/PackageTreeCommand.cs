using Hull.Oci.Storage;
using System.CommandLine;
using Hull.Bundles.Images;
using Hull.Oci.Registry;
using Hull.Images.Resolving;
using Hull.Packaging.Metapackages;
using Hull.Packaging.Rendering;

namespace Hull.Cli.Commands;

/// <summary>`hull package tree NAME/VERSION`: the packages a metapackage installs, recursively, with selected versions and bundles.</summary>
public static class PackageTreeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var target = new Argument<string>("NAME/VERSION") { Description = "The metapackage and its version" };
        var repos = new RepositoryOptions();
        var valuesFiles = new Option<string[]>("--values-file", "-f") { Description = "Values for the metapackage (plain YAML; repeatable); its children get the values Secrets its output holds" };
        var command = new Command("tree", "Render a metapackage and resolve every PackageInstall its output contains against the repositories, recursively") { target, valuesFiles };
        repos.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string text = parse.GetValue(target)!;
            int slash = text.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == text.Length - 1)
            {
                throw new PackageTreeException($"package tree: expected NAME/VERSION, got '{text}'");
            }
            using var client = new RegistryClient(repos.Registry(parse));
            var stores = new ImageStores(client);
            var loaded = await repos.LoadAsync(parse, stores, cancellationToken).ConfigureAwait(false);
            var contents = loaded.Select(l => l.Contents).ToList();
            string refName = text[..slash];
            var holder = contents.FirstOrDefault(c => c.PackageNames.Contains(refName, StringComparer.Ordinal)) ?? contents[0];
            var root = holder.Find(refName, text[(slash + 1)..]);
            var values = await PackageValuesFiles.ReadAsync(parse.GetValue(valuesFiles) ?? [], cancellationToken).ConfigureAwait(false);
            var renderer = new RepositoryPackageRenderer(stores, contents, new PackageRenderer(new StoreDigestResolver(client)), PackageBundleFetcher.DefaultCacheDirectory());
            var tree = await PackageTreeResolver.ResolveAsync(
                root,
                values,
                contents,
                async (package, given, ct) => (await renderer.RenderAsync(package, given, ct).ConfigureAwait(false)).Resources,
                cancellationToken).ConfigureAwait(false);
            foreach (string line in tree.Lines())
            {
                parse.InvocationConfiguration.Output.WriteLine(line);
            }
            return HullApp.Success;
        });
        return command;
    }
}
