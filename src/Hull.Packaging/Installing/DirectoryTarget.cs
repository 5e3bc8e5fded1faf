using Hull.Oci.Storage;
using Hull.Packaging.Resources;
using Hull.Packaging.Resources.Serialization;
using Hull.Yaml;

namespace Hull.Packaging.Installing;

/// <summary>
/// The <c>dir:PATH</c> target (GitOps): each installation's manifests under <c>PATH/&lt;namespace&gt;/&lt;name&gt;/</c>,
/// one file per resource, and the install database under <c>PATH/.hull/</c>. Changes are staged under
/// <c>.hull/tmp</c> and swapped in by renames recorded in a journal, so a killed process leaves the target as it was
/// or as it was meant to become (the next open finishes or undoes the swap), never half. One process at a time
/// (<c>.hull/lock</c>). Hostile names and records never reach outside: namespaces and names are checked by
/// <see cref="KubernetesName"/>, every path written or deleted by <see cref="ContainedPath"/>. The database and every
/// folder holding a Secret are 0700, their files 0600 (values and Secrets are secrets).
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

    private string NamespacesFile => Path.Combine(Root, HullDir, "namespaces");

    /// <summary>
    /// Opens the target (creating it when <paramref name="create"/>; a read-only command passes false, so a mistyped
    /// path is an error, not a new folder), takes its lock, and finishes or undoes an interrupted change.
    /// </summary>
    /// <exception cref="InstallException">Another process holds the target, or it does not exist.</exception>
    public static DirectoryTarget Open(string root, bool create = true)
    {
        string given = root;
        root = Path.GetFullPath(root);
        if (!create && !Directory.Exists(root))
        {
            throw new InstallException($"target dir:{given} does not exist (nothing is installed there)");
        }
        foreach (string dir in new[] { Path.Combine(root, HullDir), Path.Combine(root, HullDir, "installs"), Path.Combine(root, HullDir, "tmp") })
        {
            PrivateFiles.CreateFolder(dir);
        }
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

    /// <summary>Every readable installation, by namespace then name; the others are reported in <see cref="Unreadable"/>.</summary>
    public IReadOnlyList<Installation> List()
    {
        var list = new List<Installation>();
        var unreadable = new List<string>();
        foreach (string file in Directory.EnumerateFiles(Db, "*.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                list.Add(ReadRecord(file));
            }
            catch (Exception ex) when (ex is InstallException or ResourceException or IOException or UnauthorizedAccessException)
            {
                // One bad record must not block every command: it is skipped and reported.
                unreadable.Add(ex.Message.ReplaceLineEndings(" "));
            }
        }
        Unreadable = unreadable;
        return list.OrderBy(i => i.Namespace, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Install records the last <see cref="List"/> could not read or refused (one line each).</summary>
    public IReadOnlyList<string> Unreadable { get; private set; } = [];

    /// <summary>The installation <paramref name="ns"/>/<paramref name="name"/>, or null.</summary>
    /// <exception cref="InstallException">The namespace or name is not a Kubernetes name, or its record is unreadable.</exception>
    public Installation? Find(string ns, string name)
    {
        string file = RecordPath(ns, name);
        return File.Exists(file) ? ReadRecord(file) : null;
    }

    /// <summary>Records an installation's spec and status without touching its manifests.</summary>
    public void Save(Installation installation)
    {
        string file = RecordPath(installation.Namespace, installation.Name);
        PrivateFiles.CreateFolder(Path.GetDirectoryName(file)!);
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
            if (index >= 0 && index < installation.Files.Count && File.Exists(OwnedFile(installation, installation.Files[index])))
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

    /// <summary>
    /// The CustomResourceDefinitions installations deployed (their files as written), for admission to check custom
    /// resources against; unreadable files are left out.
    /// </summary>
    public IEnumerable<Map> InstalledCustomResourceDefinitions()
    {
        foreach (var installation in List())
        {
            for (int i = 0; i < installation.Resources.Count && i < installation.Files.Count; i++)
            {
                if (installation.Resources[i].Kind != "CustomResourceDefinition")
                {
                    continue;
                }
                Map? crd = null;
                try
                {
                    string file = OwnedFile(installation, installation.Files[i]);
                    crd = YamlParser.Parse(File.ReadAllText(file), file, new YamlParseOptions { WithoutComments = true }).Items.FirstOrDefault()?.Value as Map;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or YamlException or InstallException)
                {
                    // a file someone removed or broke: its CRD is not there to check against
                }
                if (crd is not null)
                {
                    yield return crd;
                }
            }
        }
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
        string final = InstallationFolder(installation.Namespace, installation.Name);
        string relDir = Path.GetRelativePath(Root, final);
        var recorded = installation with
        {
            Resources = files.Select(f => f.Key).ToList(),
            Files = files.Select(f => Path.Combine(relDir, f.FileName).Replace('\\', '/')).ToList(),
        };
        string id = Guid.NewGuid().ToString("N");
        string staging = Path.Combine(Tmp, id);
        // A folder holding a Secret is readable by its owner only, and so is the Secret's file.
        bool secrets = files.Any(f => f.Key.Kind == "Secret");
        if (secrets)
        {
            PrivateFiles.CreateFolder(staging);
        }
        else
        {
            Directory.CreateDirectory(staging);
        }
        foreach (var file in files)
        {
            string path = ContainedPath.Resolve(staging, file.FileName) ?? throw new InstallException($"resource file name '{file.FileName}' leaves the installation folder");
            PrivateFiles.Write(path, file.Text, restricted: file.Key.Kind == "Secret");
        }
        string pendingRecord = Path.Combine(Tmp, id + ".record");
        PrivateFiles.Write(pendingRecord, InstallationYaml.Emit(recorded), restricted: true);
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

    /// <summary>Namespaces declared to exist outside any installation (as a cluster's own), beyond Kubernetes' four.</summary>
    public IReadOnlyList<string> DeclaredNamespaces() =>
        File.Exists(NamespacesFile) ? File.ReadAllLines(NamespacesFile).Where(l => l.Length > 0).ToList() : [];

    /// <summary>Declares namespaces that exist outside any installation (recorded in <c>.hull/namespaces</c>).</summary>
    /// <exception cref="InstallException">A name that is not a Kubernetes namespace name (a DNS label).</exception>
    public void DeclareNamespaces(IEnumerable<string> names)
    {
        var all = new SortedSet<string>(DeclaredNamespaces(), StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (KubernetesName.NamespaceProblem(name) is { } problem)
            {
                throw new InstallException($"--existing-namespace: {problem}");
            }
            all.Add(name);
        }
        WriteAtomic(NamespacesFile, string.Concat(all.Select(n => n + "\n")));
    }

    /// <inheritdoc/>
    public void Dispose() => _lock.Dispose();

    private void FinishDeploy(string ns, string name, string id)
    {
        string pendingRecord = Path.Combine(Tmp, id + ".record");
        if (File.Exists(pendingRecord))
        {
            string record = RecordPath(ns, name);
            PrivateFiles.CreateFolder(Path.GetDirectoryName(record)!);
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
            // Gone is the goal: files or folders someone already removed are not an error.
            var owned = installation.Files.Select(f => OwnedFile(installation, f)).ToList();
            foreach (string file in owned)
            {
                if (File.Exists(file))
                {
                    File.Delete(file);
                }
            }
            foreach (string dir in owned.Select(f => Path.GetDirectoryName(f)!).Distinct())
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
            if (KubernetesName.Problem(ns, name) is not null || id.Contains('/', StringComparison.Ordinal) || id.Contains("..", StringComparison.Ordinal))
            {
                op = "unknown"; // Hull never journals such names: not its journal, nothing to finish
            }
            if (op == "deploy")
            {
                string staging = Path.Combine(Tmp, id);
                string final = InstallationFolder(ns, name);
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
        // Temp files of atomic writes a killed process left behind (the journal's, records').
        foreach (string leftover in Directory.EnumerateFiles(Path.Combine(Root, HullDir), "*.tmp-*", SearchOption.AllDirectories))
        {
            File.Delete(leftover);
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

    private string RecordPath(string ns, string name)
    {
        CheckName(ns, name);
        return Path.Combine(Db, ns, name + ".yml");
    }

    private string InstallationFolder(string ns, string name)
    {
        CheckName(ns, name);
        return ContainedPath.Resolve(Root, Path.Combine(ns, name)) ?? throw new InstallException($"installation {ns}/{name}: its folder leaves dir:{Root}");
    }

    private static void CheckName(string ns, string name)
    {
        if (KubernetesName.Problem(ns, name) is { } problem)
        {
            throw new InstallException($"installation {ns}/{name}: {problem}");
        }
    }

    // A record is trusted no further than its place: its namespace and name are the ones its path says, and every
    // file it owns is inside its installation's folder (a record listing ../victim/keep.txt must not delete it).
    private Installation ReadRecord(string file)
    {
        var installation = InstallationYaml.Read(File.ReadAllText(file), file);
        string expected = Path.GetRelativePath(Db, file);
        if (KubernetesName.Problem(installation.Namespace, installation.Name) is { } problem)
        {
            throw new InstallException($"install record {file}: {problem}");
        }
        if (expected != Path.Combine(installation.Namespace, installation.Name + ".yml"))
        {
            throw new InstallException($"install record {file}: it names installation {installation.Key}, which belongs in {Path.Combine(Db, installation.Namespace, installation.Name + ".yml")}");
        }
        foreach (string owned in installation.Files)
        {
            OwnedFile(installation, owned, file);
        }
        return installation;
    }

    private string OwnedFile(Installation installation, string relative, string? record = null)
    {
        string folder = InstallationFolder(installation.Namespace, installation.Name);
        return ContainedPath.Resolve(Root, relative) is { } path && ContainedPath.IsInside(folder, path)
            ? path
            : throw new InstallException($"install record {record ?? RecordPath(installation.Namespace, installation.Name)}: file '{relative}' is outside the folder of installation {installation.Key}");
    }

    private static void WriteAtomic(string path, string text)
    {
        string temp = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        PrivateFiles.Write(temp, text, restricted: true);
        File.Move(temp, path, overwrite: true);
    }
}
