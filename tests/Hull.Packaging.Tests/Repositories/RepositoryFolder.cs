namespace Hull.Packaging.Tests.Repositories;

/// <summary>A package repository folder in a temporary directory, deleted on dispose.</summary>
internal sealed class RepositoryFolder : IDisposable
{
    public const string BundleDigest = "sha256:d066eb08e9783196e2348cd8da8e3d735d7e31e2cc076d94ce790ee73ca30cff";

    public RepositoryFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), $"hull-repo-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public RepositoryFolder Write(string path, string text)
    {
        string full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return this;
    }

    public RepositoryFolder Metadata(string refName, string displayName) =>
        Write($"packages/{refName}/metadata.yml", $"""
            apiVersion: data.packaging.carvel.dev/v1alpha1
            kind: PackageMetadata
            metadata:
              name: {refName}
            spec:
              displayName: {displayName}
            """);

    public RepositoryFolder Package(string refName, string version, string? image = null) =>
        Write($"packages/{refName}/{version}.yml", PackageYaml(refName, version, image));

    public static string PackageYaml(string refName, string version, string? image = null) => $"""
        apiVersion: data.packaging.carvel.dev/v1alpha1
        kind: Package
        metadata:
          name: {refName}.{version}
        spec:
          refName: {refName}
          version: {version}
          template:
            spec:
              fetch:
              - imgpkgBundle:
                  image: {image ?? $"registry.corp/{refName}@{BundleDigest}"}
              template:
              - ytt:
                  paths:
                  - config/
              deploy:
              - kapp: {"{}"}
        """;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
