using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;

namespace Hull.Packaging.Installing;

/// <summary>
/// The <c>dir:PATH</c> target (GitOps): each installation's manifests under <c>PATH/&lt;namespace&gt;/&lt;name&gt;/</c>,
/// one file per resource, and the install database under <c>PATH/.hull/</c>. Changes are staged under
/// <c>.hull/tmp</c> and swapped in by renames recorded in a journal, so a killed process leaves the target as it was
/// or as it was meant to become (the next open finishes or undoes the swap), never half. One process at a time
/// (<c>.hull/lock</c>).
/// </summary>
public sealed class DirectoryTarget : IDisposable
{
    private const string HullDir = ".hull";
    private readonly FileStream _lock;

    private DirectoryTarget(string root, FileStream @lock)
    {
        Root = root;
        _lock = @lock;
    }

    /// <summary>The target folder.</summary>
    public string Root { get; }

    private string Db => Path.Combine(Root, HullDir, "installs");

    private string Tmp => Path.Combine(Root, HullDir, "tmp");

    private string Journal => Path.Combine(Root, HullDir, "journal");

    /// <summary>Opens (creating) the target, takes its lock, and finishes or undoes an interrupted change.</summary>
    /// <exception cref="InstallException">Another process holds the target.</exception>
    public static DirectoryTarget Open(string root)
    {
        root = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.Combine(root, HullDir, "installs"));
        Directory.CreateDirectory(Path.Combine(root, HullDir, "tmp"));
        FileStream stream;
        try
        {
            stream = new FileStream(Path.Combine(root, HullDir, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InstallException($"target dir:{root} is in use by another hull process ({ex.Message})", ex);
        }
        var target = new DirectoryTarget(root, stream);
        target.Recover();
        return target;
    }

    /// <summary>Every installation, by namespace then name.</summary>
    public IReadOnlyList<Installation> List()
    {
        var list = new List<Installation>();
        foreach (string file in Directory.EnumerateFiles(Db, "*.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            list.Add(InstallationYaml.Read(File.ReadAllText(file), file));
        }
        return list.OrderBy(i => i.Namespace, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The installation <paramref name="ns"/>/<paramref name="name"/>, or null.</summary>
    public Installation? Find(string ns, string name)
    {
        string file = RecordPath(ns, name);
        return File.Exists(file) ? InstallationYaml.Read(File.ReadAllText(file), file) : null;
    }

    /// <summary>Records an installation's spec and status without touching its manifests.</summary>
    public void Save(Installation installation)
    {
        string file = RecordPath(installation.Namespace, installation.Name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        WriteAtomic(file, InstallationYaml.Emit(installation));
    }

    /// <summary>A Secret some installation deployed (or holds as values), for a child install's values.</summary>
    public Secret? FindSecret(string ns, string name)
    {
        foreach (var installation in List())
        {
            if (installation.Values.FirstOrDefault(s => s.Metadata.Name == name && (s.Metadata.Namespace ?? installation.Namespace) == ns) is { } held)
            {
                return held;
            }
            int index = installation.Resources.ToList().FindIndex(k => k.Kind == "Secret" && k.ApiVersion == "v1" && k.Namespace == ns && k.Name == name);
            if (index >= 0 && index < installation.Files.Count && File.Exists(Path.Combine(Root, installation.Files[index])))
            {
                var read = ResourceYaml.Read(File.ReadAllText(Path.Combine(Root, installation.Files[index])), installation.Files[index]);
                if (read.Documents.FirstOrDefault()?.Resource is Secret secret)
                {
                    return secret;
                }
            }
        }
        return null;
    }

    /// <summary>The resources of other installations that <paramref name="files"/> would take over, as lines; empty when none.</summary>
    public IReadOnlyList<string> Conflicts(Installation installation, IReadOnlyList<TargetFile> files)
    {
        var mine = files.Select(f => f.Key).ToHashSet();
        var conflicts = new List<string>();
        foreach (var other in List())
        {
            if (other.Key == installation.Key)
            {
                continue;
            }
            foreach (var key in other.Resources.Where(mine.Contains))
            {
                conflicts.Add($"{key.Kind} {(key.Namespace.Length == 0 ? "" : key.Namespace + "/")}{key.Name} ({key.ApiVersion}) belongs to installation {other.Key}");
            }
        }
        return conflicts;
    }

    /// <summary>
    /// Replaces the installation's manifests with <paramref name="files"/> and records it: conflicts are checked
    /// before anything is written; the new folder is staged, then swapped in by renames.
    /// </summary>
    /// <exception cref="InstallException">Another installation owns one of the resources.</exception>
    public Installation Deploy(Installation installation, IReadOnlyList<TargetFile> files)
    {
        var conflicts = Conflicts(installation, files);
        if (conflicts.Count > 0)
        {
            throw new InstallException($"conflict: {string.Join("; ", conflicts)}; nothing was written");
        }
        string relDir = Path.Combine(installation.Namespace, installation.Name);
        var recorded = installation with
        {
            Resources = files.Select(f => f.Key).ToList(),
            Files = files.Select(f => Path.Combine(relDir, f.FileName).Replace('\\', '/')).ToList(),
        };
        string id = Guid.NewGuid().ToString("N");
        string staging = Path.Combine(Tmp, id);
        Directory.CreateDirectory(staging);
        foreach (var file in files)
        {
            File.WriteAllText(Path.Combine(staging, file.FileName), file.Text);
        }
        string pendingRecord = Path.Combine(Tmp, id + ".record");
        File.WriteAllText(pendingRecord, InstallationYaml.Emit(recorded));
        string final = Path.Combine(Root, relDir);
        string old = Path.Combine(Tmp, id + ".old");
        WriteAtomic(Journal, string.Join("\n", "deploy", installation.Namespace, installation.Name, id) + "\n");
        if (Directory.Exists(final))
        {
            Directory.Move(final, old);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        Directory.Move(staging, final);
        FinishDeploy(installation.Namespace, installation.Name, id);
        return recorded;
    }

    /// <summary>Removes exactly the files the installation owns (and its folder when that leaves it empty), then its record.</summary>
    public void Delete(Installation installation)
    {
        WriteAtomic(Journal, string.Join("\n", "delete", installation.Namespace, installation.Name, "") + "\n");
        FinishDelete(installation.Namespace, installation.Name);
    }

    /// <inheritdoc/>
    public void Dispose() => _lock.Dispose();

    private void FinishDeploy(string ns, string name, string id)
    {
        string pendingRecord = Path.Combine(Tmp, id + ".record");
        if (File.Exists(pendingRecord))
        {
            string record = RecordPath(ns, name);
            Directory.CreateDirectory(Path.GetDirectoryName(record)!);
            File.Move(pendingRecord, record, overwrite: true);
        }
        string old = Path.Combine(Tmp, id + ".old");
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }
        File.Delete(Journal);
    }

    private void FinishDelete(string ns, string name)
    {
        if (Find(ns, name) is { } installation)
        {
            foreach (string file in installation.Files)
            {
                File.Delete(Path.Combine(Root, file));
            }
            foreach (string dir in installation.Files.Select(f => Path.GetDirectoryName(Path.Combine(Root, f))!).Distinct())
            {
                if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any())
                {
                    Directory.Delete(dir);
                }
            }
            File.Delete(RecordPath(ns, name));
        }
        File.Delete(Journal);
    }

    // A journal left by a killed process: a deploy whose staged folder was not yet swapped in is undone (the old
    // folder put back); one that was swapped in is finished (record moved into place). Deletes are finished.
    private void Recover()
    {
        if (File.Exists(Journal))
        {
            var lines = File.ReadAllText(Journal).Split('\n');
            string op = lines[0], ns = lines.Length > 1 ? lines[1] : "", name = lines.Length > 2 ? lines[2] : "", id = lines.Length > 3 ? lines[3] : "";
            if (op == "deploy")
            {
                string staging = Path.Combine(Tmp, id);
                string final = Path.Combine(Root, ns, name);
                string old = Path.Combine(Tmp, id + ".old");
                if (Directory.Exists(staging))
                {
                    if (!Directory.Exists(final) && Directory.Exists(old))
                    {
                        Directory.Move(old, final);
                    }
                    File.Delete(Path.Combine(Tmp, id + ".record"));
                    File.Delete(Journal);
                }
                else
                {
                    FinishDeploy(ns, name, id);
                }
            }
            else if (op == "delete")
            {
                FinishDelete(ns, name);
            }
            else
            {
                File.Delete(Journal);
            }
        }
        foreach (string leftover in Directory.EnumerateFileSystemEntries(Tmp))
        {
            if (Directory.Exists(leftover))
            {
                Directory.Delete(leftover, recursive: true);
            }
            else
            {
                File.Delete(leftover);
            }
        }
    }

    private string RecordPath(string ns, string name) => Path.Combine(Db, ns, name + ".yml");

    private static void WriteAtomic(string path, string text)
    {
        string temp = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
