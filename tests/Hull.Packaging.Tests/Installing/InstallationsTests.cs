using Hull.Packaging.Installing;
using Hull.Packaging.Rendering;

namespace Hull.Packaging.Tests.Installing;

/// <summary>The installations service's rules on a dir: target that need no reconcile (those that do run in the CLI and integration tests).</summary>
public sealed class InstallationsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hull-installations-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // The record DirectoryTargetTests deploys, installed by a parent when given.
    private static Installation App(string name, string? parent = null) => DirectoryTargetTests.App(name) with { Parent = parent };

    [Fact]
    public void AnInstallationAnotherOneCreatedIsChangedAndDeletedThroughItsParent()
    {
        using var target = DirectoryTarget.Open(_root);
        target.Deploy(App("meta"), []);
        target.Deploy(App("child", parent: "default/meta"), []);
        var installations = new Installations(target);

        var update = Assert.Throws<InstallException>(() => installations.GetUpdatable("default", "child"));
        Assert.Equal("default/child is installed by default/meta; change that installation's values instead", update.Message);
        var delete = Assert.Throws<InstallException>(() => installations.Delete("default", "child", null));
        Assert.Equal("default/child is installed by default/meta; delete that one", delete.Message);

        var deleted = new List<string>();
        installations.Delete("default", "meta", i => deleted.Add(i.Key));
        Assert.Equal(["default/child", "default/meta"], deleted);
        Assert.Empty(installations.List(null));
    }

    [Fact]
    public void AMissingInstallationIsNamedWithThoseInstalled()
    {
        using var target = DirectoryTarget.Open(_root);
        target.Deploy(App("app"), []);

        var e = Assert.Throws<InstallException>(() => new Installations(target).Get("default", "other"));

        Assert.Equal($"installation default/other not found in dir:{target.Root} (installed: default/app)", e.Message);
    }

    [Fact]
    public void AChangeSetsTheConstraintAndReplacesTheValuesWithTheInstallsValuesSecret()
    {
        var change = InstallChange.For(null, ">=1.0.0", [new PackageValues("a.yml", "x: 1\n"), new PackageValues("b.yml", "y: 2\n")]);

        var changed = Installations.Changed(App("app"), change);

        Assert.Equal(">=1.0.0", changed.Install.Spec.PackageRef!.VersionSelection!.Constraints);
        var secret = Assert.Single(changed.Values);
        Assert.Equal("app-default-values", secret.Metadata.Name);
        Assert.Equal(["app-default-values"], changed.Install.Spec.Values!.Select(v => v.SecretRef!.Name));
        Assert.Equal(["x: 1\n", "y: 2\n"], secret.Contents().Select(kv => kv.Value));
    }

    [Fact]
    public void AChangeWithNeitherVersionNorValuesKeepsBoth()
    {
        var app = App("app");

        Assert.Equal(app, Installations.Changed(app, InstallChange.For(null, null, [])));
        Assert.Throws<InstallException>(() => InstallChange.For("1.0.0", ">=1.0.0", []));
    }
}
