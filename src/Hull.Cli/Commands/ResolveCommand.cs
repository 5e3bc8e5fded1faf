using System.CommandLine;
using System.Text;
using Hull.Bundles.Locks;
using Hull.Images;
using Hull.Images.Output;
using Hull.Images.Resolving;
using Hull.Oci.Registry;
using Hull.Yaml;

namespace Hull.Cli.Commands;

/// <summary>`hull resolve`: kbld's main command (resolve image references to digests), with kbld's flag names.</summary>
public static class ResolveCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(string name = "resolve")
    {
        var files = new Option<string[]>("--file", "-f") { Description = "Set file (format: /tmp/foo, https://..., -) (can be specified multiple times)" };
        var imagesAnnotation = new Option<bool>("--images-annotation") { Description = "Annotate resource with images annotation", DefaultValueFactory = _ => true };
        var imgpkgLock = new Option<string?>("--imgpkg-lock-output") { Description = "File path to emit configuration with resolved image references for usage with imgpkg" };
        var lockOutput = new Option<string?>("--lock-output") { Description = "File path to emit configuration with resolved image references" };
        var unresolvedInspect = new Option<bool>("--unresolved-inspect") { Description = "List image references found in inputs" };
        var platform = new Option<string?>("--platform") { Description = "Set target platform to resolve image indexes (format: os/arch[/variant])" };
        var registry = new RegistryFlags();

        var command = new Command(name, "Resolve image references in configuration to their digest form (kbld)");
        foreach (Option o in new Option[] { files, imagesAnnotation, imgpkgLock, lockOutput, unresolvedInspect, platform })
        {
            command.Options.Add(o);
        }
        registry.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = parse.GetValue(files) ?? [];
            if (paths.Length == 0)
            {
                throw new ImagesException("Expected at least one file (-f PATH, or -f - for stdin)");
            }
            var inputs = await ResolveInputs.ReadAsync(paths, Console.OpenStandardInput, cancellationToken).ConfigureAwait(false);
            var selector = parse.GetValue(platform) is { } p ? PlatformSelector.Parse(p) : null;
            using var client = new RegistryClient(registry.Read(parse));
            bool unresolved = parse.GetValue(unresolvedInspect);
            var result = await ImageResolution.ResolveAsync(inputs, new StoreDigestResolver(client, selector), new ResolveOptions
            {
                ImagesAnnotation = parse.GetValue(imagesAnnotation),
                Unresolved = unresolved,
            }, cancellationToken).ConfigureAwait(false);

            var stdout = parse.InvocationConfiguration.Output;
            if (unresolved)
            {
                stdout.Write(UnresolvedListing(result));
                return HullApp.Success;
            }
            if (parse.GetValue(imgpkgLock) is { } imgpkgPath)
            {
                WriteAtomically(imgpkgPath, ImagesLockBytes(result));
            }
            if (parse.GetValue(lockOutput) is { } lockPath)
            {
                WriteAtomically(lockPath, Encoding.UTF8.GetBytes(KbldLockOutput.Emit(result.Images)));
            }
            var sb = new StringBuilder();
            foreach (var doc in result.Documents)
            {
                sb.Append("---\n");
                YamlEmitter.Write(doc.Value, sb);
            }
            stdout.Write(sb.ToString());
            return HullApp.Success;
        });
        return command;
    }

    /// <summary>The ImagesLock kbld writes for <c>--imgpkg-lock-output</c>: each distinct digest once, with kbld's annotations.</summary>
    public static byte[] ImagesLockBytes(ResolveResult result)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var entries = result.Images.Where(i => seen.Add(i.Url))
            .Select(i => new ImagesLockEntry(i.Url, KbldLockOutput.ImagesLockAnnotations(i)))
            .ToList();
        if (entries.Count == 0)
        {
            return Encoding.UTF8.GetBytes($"apiVersion: {LockApi.Version}\nimages: []\nkind: {LockApi.ImagesLockKind}\n");
        }
        return LockYaml.Emit(new ImagesLock { Images = entries });
    }

    private static string UnresolvedListing(ResolveResult result)
    {
        var sb = new StringBuilder();
        sb.Append("---\n");
        var list = new YamlArray(result.Images.Select(i => new ArrayItem(new Map([new MapItem("url", i.Id)]))));
        YamlEmitter.Write(list, sb);
        return sb.ToString();
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, full, overwrite: true);
    }
}
