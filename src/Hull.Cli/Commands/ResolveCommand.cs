using System.CommandLine;
using System.Text;
using System.Text.Json;
using Hull.Images;
using Hull.Images.Output;
using Hull.Images.Resolving;
using Hull.Oci.Registry;

namespace Hull.Cli.Commands;

/// <summary>`hull resolve`: kbld's main command (resolve image references to digests), with kbld's flag names and output.</summary>
public static class ResolveCommand
{
    /// <summary>Builds the command (and its `inspect` subcommand).</summary>
    public static Command Create(string name = "resolve")
    {
        var files = FilesOption();
        var sort = new Option<bool>("--sort") { Description = "Sort by namespace, name, etc. (accepted for kbld compatibility; like kbld, resources keep their input order)", DefaultValueFactory = _ => true };
        var imagesAnnotation = new Option<bool>("--images-annotation") { Description = "Annotate resources with images annotation", DefaultValueFactory = _ => true };
        var originsAnnotation = new Option<bool>("--origins-annotation") { Description = "Include origins annotation (in --imgpkg-lock-output)", DefaultValueFactory = _ => true };
        var imageMapFile = new Option<string?>("--image-map-file") { Description = "Set image map file (JSON object of image to preresolved image, e.g. /cnab/app/relocation-mapping.json in CNAB)" };
        var lockOutput = new Option<string?>("--lock-output") { Description = "File path to emit configuration with resolved image references" };
        var imgpkgLock = new Option<string?>("--imgpkg-lock-output") { Description = "File path to emit images lockfile with resolved image references" };
        var unresolvedInspect = new Option<bool>("--unresolved-inspect") { Description = "List image references found in inputs" };
        var platform = new Option<string?>("--platform") { Description = "Apply platform selection to image indexes (format: os/arch[/variant])" };
        var concurrency = new Option<int>("--concurrency") { Description = "Set maximum number of references resolved at once", DefaultValueFactory = _ => 16 }.Positive();
        // kbld's build flags, accepted so kbld command lines work unchanged: Hull never builds images.
        var build = new Option<bool>("--build") { Description = "Allow building of images (accepted for kbld compatibility; hull never builds images)", DefaultValueFactory = _ => true };
        var buildConcurrency = new Option<int>("--build-concurrency") { Description = "Set maximum number of concurrent builds (accepted for kbld compatibility)", DefaultValueFactory = _ => 4 }.Positive();
        var registry = new RegistryFlags();

        var command = new Command(name, "Resolve image references in configuration to their digest form (kbld)");
        foreach (Option o in new Option[] { files, sort, imagesAnnotation, originsAnnotation, imageMapFile, lockOutput, imgpkgLock, unresolvedInspect, platform, concurrency, build, buildConcurrency })
        {
            command.Options.Add(o);
        }
        registry.AddTo(command);
        command.Subcommands.Add(CreateInspect());
        command.SetAction(async (parse, cancellationToken) =>
        {
            string? lockPath = parse.GetValue(lockOutput), imgpkgPath = parse.GetValue(imgpkgLock);
            if (lockPath is not null && imgpkgPath is not null)
            {
                throw new ImagesException("Can only output one lockfile type, please provide only one of '--lock-output' or '--imgpkg-lock-output'");
            }
            var inputs = await ResolveInputs.ReadAsync(Paths(parse.GetValue(files)), Console.OpenStandardInput, cancellationToken).ConfigureAwait(false);
            var selector = parse.GetValue(platform) is { Length: > 0 } p ? PlatformSelector.Parse(p) : null;
            var imageMap = parse.GetValue(imageMapFile) is { } mapPath ? await ReadImageMapAsync(mapPath, cancellationToken).ConfigureAwait(false) : null;
            using var client = new RegistryClient(registry.Read(parse));
            bool unresolved = parse.GetValue(unresolvedInspect);
            var result = await ImageResolution.ResolveAsync(inputs, new StoreDigestResolver(client, selector), new ResolveOptions
            {
                ImagesAnnotation = parse.GetValue(imagesAnnotation),
                Unresolved = unresolved,
                ImageMap = imageMap,
                Concurrency = Math.Max(1, parse.GetValue(concurrency)),
            }, cancellationToken).ConfigureAwait(false);

            var stdout = parse.InvocationConfiguration.Output;
            // kbld's log on standard error, which scripts read: one line per image it resolved.
            foreach (var image in result.Images.Where(i => i.Origins.Count > 0).DistinctBy(i => (i.Id, i.Url)))
            {
                parse.InvocationConfiguration.Error.WriteLine($"resolve | final: {image.Id} -> {image.Url}");
            }
            if (unresolved)
            {
                stdout.Write(ResolvedOutput.Unresolved(result));
                return HullApp.Success;
            }
            string output = ResolvedOutput.Emit(result.Resources);
            if (lockPath is not null)
            {
                AtomicFile.Write(lockPath, Encoding.UTF8.GetBytes(KbldLockOutput.Config(result)));
            }
            if (imgpkgPath is not null)
            {
                AtomicFile.Write(imgpkgPath, Encoding.UTF8.GetBytes(KbldLockOutput.ImagesLock(result, parse.GetValue(originsAnnotation))));
            }
            stdout.Write(output);
            return HullApp.Success;
        });
        return command;
    }

    private static Command CreateInspect()
    {
        var files = FilesOption();
        var registry = new RegistryFlags();
        var command = new Command("inspect", "List image references in configuration with what their resources record about them (kbld inspect)");
        command.Aliases.Add("i");
        command.Options.Add(files);
        registry.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var inputs = await ResolveInputs.ReadAsync(Paths(parse.GetValue(files)), Console.OpenStandardInput, cancellationToken).ConfigureAwait(false);
            parse.InvocationConfiguration.Output.Write(ImageInspection.Table(ImageInspection.Inspect(inputs)));
            return HullApp.Success;
        });
        return command;
    }

    private static Option<string[]> FilesOption() =>
        new("--file", "-f") { Description = "Set file (format: /tmp/foo, https://..., -) (can be specified multiple times)" };

    // kbld's -f is a string slice: a comma separates several paths in one value.
    private static List<string> Paths(string[]? values)
    {
        var paths = (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (paths.Count == 0)
        {
            throw new ImagesException("Expected at least one file (-f PATH, -f DIR, -f https://..., or -f - for stdin)");
        }
        return paths;
    }

    private static async Task<Dictionary<string, string>> ReadImageMapAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ImagesException($"--image-map-file {path}: expected a JSON object of image to image");
            }
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                map[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw new ImagesException($"--image-map-file {path}: value of '{p.Name}' must be a string");
            }
            return map;
        }
        catch (JsonException e)
        {
            throw new ImagesException($"--image-map-file {path}: not JSON: {e.Message}");
        }
    }
}
