namespace Hull.Packaging.Installing;

/// <summary>
/// Deleting an installation as kapp-controller does when its PackageInstall goes: first the installations its output
/// created, users of a CRD or namespace before their provider (<see cref="InstallOrder"/> reversed), then its own files.
/// </summary>
public static class Uninstaller
{
    /// <summary>Deletes <paramref name="installation"/> and everything it created; <paramref name="deleted"/> is told each one, in order.</summary>
    public static void Uninstall(DirectoryTarget target, Installation installation, Action<Installation>? deleted)
    {
        var all = target.List();
        var children = all.Where(i => i.Parent == installation.Key).ToList();
        foreach (var child in InstallOrder.ProvidersFirst(children).Reverse())
        {
            Uninstall(target, child, deleted);
        }
        target.Delete(installation);
        deleted?.Invoke(installation);
    }
}
