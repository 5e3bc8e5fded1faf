using Hull.Oci.Storage;
using System.CommandLine;
using System.Text;
using Hull.Bundles.Images;
using Hull.Oci.Registry;
using Hull.Packaging.Repositories;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;
using Hull.Packaging.Sources;

namespace Hull.Cli.Commands;

/// <summary>`hull repo release`: build a package repository bundle from Package and PackageMetadata files, push it, print its PackageRepository.</summary>
public static class RepoReleaseCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var bundle = new Option<string?>("--bundle", "-b") { Description = "Push the repository bundle here (registry reference or oci:PATH:TAG)" };
        var files = new Option<string[]>("--file", "-f") { Description = "Package and PackageMetadata YAML files, or folders of them (repeatable)" };
        var from = new Option<string?>("--from") { Description = "Start from this repository's packages (a name from 'hull repo list', a folder, oci:PATH[:TAG] or a registry reference)" };
        var outputDir = new Option<string?>("--output-dir") { Description = "Also write the repository folder here (packages/, .imgpkg/images.yml)" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the PackageRepository here instead of standard output" };
        var name = new Option<string?>("--name") { Description = "The PackageRepository's name (default: the bundle repository's last path segment)" };
        var ns = new Option<string?>("--namespace", "-n") { Description = "The PackageRepository's namespace" };
        var registry = new RegistryFlags();
        var signing = new SigningOption();
        var command = new Command("release", "Build a package repository bundle (packages/<name>/<version>.yml, .imgpkg/images.yml), push it and print its PackageRepository");
        foreach (Option option in new Option[] { bundle, files, from, outputDir, output, name, ns })
        {
            command.Options.Add(option);
        }
        registry.AddTo(command);
        signing.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string? target = parse.GetValue(bundle);
            string? folder = parse.GetValue(outputDir);
            if (target is null && folder is null)
            {
                throw new RepositorySourceException("repo release: give --bundle to push, --output-dir to write a folder, or both");
            }
            using var key = signing.Load(parse);
            if (key is not null && target is null)
            {
                throw new RepositorySourceException("repo release: --sign signs the pushed repository bundle; give --bundle too");
            }
            using var client = new RegistryClient(registry.Read(parse));
            var stores = new ImageStores(client);
            var builder = new RepositoryBuilder();
            if (parse.GetValue(from) is string existing)
            {
                var list = await RepositoryOptions.LoadListAsync(parse, cancellationToken).ConfigureAwait(false);
                var source = list.Find(existing) ?? new RepositorySource(existing, existing);
                builder.AddExisting(await RepositoryLoader.LoadAsync(source, stores, cancellationToken).ConfigureAwait(false));
            }
            foreach (var (path, display) in Inputs(parse.GetValue(files) ?? []))
            {
                builder.AddFile(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), display);
            }
            var stdout = parse.InvocationConfiguration.Output;
            string? resourceFile = parse.GetValue(output);
            // With the PackageRepository on standard output, progress goes to standard error so the YAML can be piped.
            var log = resourceFile is null ? parse.InvocationConfiguration.Error : stdout;
            if (folder is not null)
            {
                var written = await builder.WriteAsync(folder, cancellationToken).ConfigureAwait(false);
                log.WriteLine($"Wrote {written.Count} files to {folder}");
            }
            if (target is null)
            {
                return HullApp.Success;
            }
            var release = await RepositoryPublisher.PublishAsync(
                stores,
                builder,
                Locations.Parse(target, "--bundle"),
                new ObjectMeta { Name = parse.GetValue(name), Namespace = parse.GetValue(ns) },
                log.WriteLine,
                cancellationToken).ConfigureAwait(false);
            log.WriteLine($"Pushed '{release.Push.DigestReference}'");
            if (key is not null)
            {
                await SigningOption.SignAsync(stores, release.Push.DigestReference, key, log, cancellationToken).ConfigureAwait(false);
            }
            string yaml = ResourceYaml.Emit(release.Repository);
            if (resourceFile is null)
            {
                stdout.Write(yaml);
            }
            else
            {
                AtomicFile.Write(resourceFile, Encoding.UTF8.GetBytes(yaml));
                log.WriteLine($"Wrote {resourceFile}");
            }
            log.WriteLine("Succeeded");
            return HullApp.Success;
        });
        return command;
    }

    // Folders contribute their YAML files (not .imgpkg's), in path order; files are taken as given.
    private static IEnumerable<(string Path, string Display)> Inputs(string[] paths)
    {
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (string file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    string relative = Path.GetRelativePath(path, file).Replace(Path.DirectorySeparatorChar, '/');
                    if (!relative.StartsWith(".imgpkg/", StringComparison.Ordinal) && (relative.EndsWith(".yml", StringComparison.Ordinal) || relative.EndsWith(".yaml", StringComparison.Ordinal)))
                    {
                        yield return (file, Path.Combine(path, relative));
                    }
                }
            }
            else if (File.Exists(path))
            {
                yield return (path, path);
            }
            else
            {
                throw new RepositorySourceException($"repo release: --file '{path}': no such file or folder");
            }
        }
    }
}
