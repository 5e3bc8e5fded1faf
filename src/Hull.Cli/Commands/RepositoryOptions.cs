using Hull.Oci.Storage;
using System.CommandLine;
using Hull.Bundles.Images;
using Hull.Oci.Registry;
using Hull.Packaging.Repositories;
using Hull.Packaging.Sources;

namespace Hull.Cli.Commands;

/// <summary>Options shared by commands that read repositories: which ones (<c>--repo</c>), the list file, registry flags.</summary>
public sealed class RepositoryOptions
{
    private readonly Option<string[]> _repo = new("--repo", "-r")
    {
        Description = "Repository to read: a name from 'hull repo list', a folder, oci:PATH[:TAG] or a registry reference (repeatable; default: every added repository)",
    };

    private readonly RegistryFlags _registry = new();

    /// <summary>`--repositories-file`: where the list of named repositories is kept.</summary>
    public static Option<string?> ListFile { get; } = new("--repositories-file")
    {
        Description = $"The list of named repositories (default: $HULL_CONFIG_DIR, $XDG_CONFIG_HOME/hull or ~/.config/hull, file {RepositorySources.FileName})",
        Recursive = true,
    };

    /// <summary>Adds <c>--repo</c> and the registry flags.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_repo);
        _registry.AddTo(command);
    }

    /// <summary>Reads the list of named repositories.</summary>
    public static Task<RepositorySources> LoadListAsync(ParseResult parse, CancellationToken cancellationToken) =>
        RepositorySources.LoadAsync(parse.GetValue(ListFile) ?? RepositorySources.DefaultPath(), cancellationToken);

    /// <summary>The registry options the flags give.</summary>
    public RegistryOptions Registry(ParseResult parse) => _registry.Read(parse);

    /// <summary>Reads every selected repository, in order; fails when none is selected or configured.</summary>
    public async Task<IReadOnlyList<(RepositorySource Source, RepositoryContents Contents)>> LoadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var client = new RegistryClient(_registry.Read(parse));
        return await LoadAsync(parse, new ImageStores(client), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads every selected repository through <paramref name="stores"/>, in order.</summary>
    public async Task<IReadOnlyList<(RepositorySource Source, RepositoryContents Contents)>> LoadAsync(ParseResult parse, IImageStores stores, CancellationToken cancellationToken)
    {
        var list = await LoadListAsync(parse, cancellationToken).ConfigureAwait(false);
        var wanted = parse.GetValue(_repo) ?? [];
        var sources = wanted.Length == 0
            ? list.All
            : wanted.Select(w => list.Find(w) ?? new RepositorySource(w, w)).ToList();
        if (sources.Count == 0)
        {
            throw new RepositorySourceException("no repositories: add one with 'hull repo add NAME LOCATION', or pass --repo LOCATION");
        }
        var loaded = new List<(RepositorySource, RepositoryContents)>();
        foreach (var source in sources)
        {
            loaded.Add((source, await RepositoryLoader.LoadAsync(source, stores, cancellationToken).ConfigureAwait(false)));
        }
        return loaded;
    }
}
