using System.Globalization;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Installing;

/// <summary>
/// An installation's database file: its PackageInstall with the status kapp-controller would give it (conditions,
/// friendlyDescription, usefulErrorMessage, version) and Hull's bookkeeping in annotations, followed by the values
/// Secrets it holds. The first document is a valid PackageInstall, so the database can be handed to a cluster.
/// </summary>
public static class InstallationYaml
{
    private const string Prefix = "install.hull.dev/";

    /// <summary>The file's text.</summary>
    public static string Emit(Installation installation)
    {
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in installation.Install.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            if (!key.StartsWith(Prefix, StringComparison.Ordinal))
            {
                annotations[key] = value;
            }
        }
        void Set(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                annotations[Prefix + key] = value;
            }
        }
        Set("parent", installation.Parent);
        Set("bundle", installation.Bundle);
        Set("values-sha256", installation.ValuesDigest);
        Set("last-attempt", installation.LastAttempt?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        Set("resources", string.Join("\n", installation.Resources));
        Set("files", string.Join("\n", installation.Files));
        Set("provides", string.Join("\n", installation.Provides));
        Set("created", string.Join("\n", installation.CreatedResources));
        var condition = installation.Succeeded switch
        {
            true => new Condition { Type = "ReconcileSucceeded", Status = "True" },
            false => new Condition { Type = "ReconcileFailed", Status = "True", Message = installation.UsefulErrorMessage },
            null => new Condition { Type = "Reconciling", Status = "True" },
        };
        var install = installation.Install with
        {
            Metadata = installation.Install.Metadata with
            {
                Namespace = installation.Namespace,
                Annotations = annotations.Count == 0 ? null : annotations,
                CreationTimestamp = installation.Created,
            },
            Status = new PackageInstallStatus
            {
                Conditions = [condition],
                FriendlyDescription = installation.Succeeded == false ? $"Reconcile failed: {installation.UsefulErrorMessage}" : installation.Description,
                UsefulErrorMessage = installation.Succeeded == false ? installation.UsefulErrorMessage : null,
                Version = installation.Version,
                LastAttemptedVersion = installation.LastAttemptedVersion,
            },
        };
        return ResourceYaml.Emit(new IResource[] { install }.Concat(installation.Values));
    }

    /// <summary>Reads a database file.</summary>
    /// <exception cref="ResourceException">The file is not an installation record.</exception>
    public static Installation Read(string text, string file)
    {
        var documents = ResourceYaml.Read(text, file).Documents.Select(d => d.Resource).ToList();
        if (documents.FirstOrDefault() is not PackageInstall install)
        {
            throw new ResourceException(file, Hull.Yaml.Position.Unknown, 1, null, "", "an installation record starts with its PackageInstall");
        }
        var annotations = install.Metadata.Annotations ?? new Dictionary<string, string>();
        string? Get(string key) => annotations.TryGetValue(Prefix + key, out var v) ? v : null;
        IReadOnlyList<string> Lines(string key) => Get(key)?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var status = install.Status;
        bool? succeeded = status?.Conditions?.FirstOrDefault()?.Type switch
        {
            "ReconcileSucceeded" => true,
            "ReconcileFailed" => false,
            _ => null,
        };
        var kept = annotations.Where(a => !a.Key.StartsWith(Prefix, StringComparison.Ordinal)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        try
        {
            return new Installation
            {
                Install = install with
                {
                    Status = null,
                    Metadata = install.Metadata with { Annotations = kept.Count == 0 ? null : kept, CreationTimestamp = null },
                },
                Values = documents.Skip(1).OfType<Secret>().ToList(),
                Parent = Get("parent"),
                Bundle = Get("bundle"),
                ValuesDigest = Get("values-sha256"),
                LastAttempt = Get("last-attempt") is string t ? DateTimeOffset.Parse(t, CultureInfo.InvariantCulture) : null,
                Resources = Lines("resources").Select(ResourceKey.Parse).ToList(),
                Files = Lines("files"),
                Provides = Lines("provides"),
                CreatedResources = Lines("created").Select(ResourceKey.Parse).ToList(),
                Succeeded = succeeded,
                UsefulErrorMessage = status?.UsefulErrorMessage,
                Version = status?.Version,
                LastAttemptedVersion = status?.LastAttemptedVersion,
                Created = install.Metadata.CreationTimestamp ?? DateTimeOffset.UnixEpoch,
            };
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // A record edited by hand or damaged: name the file, not only a parser's words.
            throw new ResourceException(file, Hull.Yaml.Position.Unknown, 1, null, "metadata.annotations", $"not an installation record's annotations: {e.Message}", e);
        }
    }
}
