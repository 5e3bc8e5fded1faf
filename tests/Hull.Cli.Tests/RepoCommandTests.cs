using Hull.Cli;

namespace Hull.Cli.Tests;

public sealed class RepoCommandTests : IDisposable
{
    private const string Digest = "sha256:d066eb08e9783196e2348cd8da8e3d735d7e31e2cc076d94ce790ee73ca30cff";
    private readonly string _tmp = Directory.CreateTempSubdirectory("hull-cli-repo-").FullName;

    public void Dispose() => Directory.Delete(_tmp, recursive: true);

    private string ListFile => Path.Combine(_tmp, "config", "repositories.yml");

    private Task<(int Code, string Out, string Err)> Run(params string[] args) => RunRaw([.. args, "--repositories-file", ListFile]);

    private static async Task<(int Code, string Out, string Err)> RunRaw(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await HullApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private void Write(string path, string text)
    {
        string full = Path.Combine(_tmp, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private string Repository()
    {
        Write("repo/.imgpkg/images.yml", $"apiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\nimages:\n- image: registry.corp/config@{Digest}\n- image: registry.corp/install@{Digest}\n");
        Write("repo/packages/config.my-opinionated.com/metadata.yml", """
            apiVersion: data.packaging.carvel.dev/v1alpha1
            kind: PackageMetadata
            metadata:
              name: config.my-opinionated.com
            spec:
              displayName: My opinionated config
              shortDescription: Certificates and DNS credentials
              maintainers:
              - name: Jorge
            """);
        foreach (string version in new[] { "0.0.1", "0.1.0" })
        {
            Write($"repo/packages/config.my-opinionated.com/{version}.yml", $$"""
                apiVersion: data.packaging.carvel.dev/v1alpha1
                kind: Package
                metadata:
                  name: config.my-opinionated.com.{{version}}
                spec:
                  refName: config.my-opinionated.com
                  version: {{version}}
                  releasedAt: "2021-05-05T18:57:06Z"
                  licenses: [Apache 2.0]
                  valuesSchema:
                    openAPIv3:
                      type: object
                      properties:
                        domain:
                          type: string
                          default: ""
                          description: The wildcard domain
                        aws:
                          type: object
                          properties:
                            region:
                              type: string
                              default: eu-west-1
                  template:
                    spec:
                      fetch:
                      - imgpkgBundle:
                          image: registry.corp/config@{{Digest}}
                      template:
                      - ytt: {paths: [config/]}
                      deploy:
                      - kapp: {}
                """);
        }
        Write("repo/packages/my-package.my-opinionated.com/0.0.1.yml", $$"""
            apiVersion: data.packaging.carvel.dev/v1alpha1
            kind: Package
            metadata:
              name: my-package.my-opinionated.com.0.0.1
            spec:
              refName: my-package.my-opinionated.com
              version: 0.0.1
              template:
                spec:
                  fetch:
                  - imgpkgBundle:
                      image: registry.corp/install@{{Digest}}
            """);
        return Path.Combine(_tmp, "repo");
    }

    [Fact]
    public async Task AddListRemove()
    {
        string repo = Repository();

        var (code, output, err) = await Run("repo", "add", "stable", repo);
        Assert.True(code == 0, err);
        Assert.Equal($"Added repository 'stable' ({repo})\n", output);
        Assert.Equal(0, (await Run("repo", "add", "prod", "registry.corp/packages:1.0.0")).Code);

        var (listCode, listed, _) = await Run("repo", "list");
        Assert.Equal(0, listCode);
        Assert.Equal(
            [
                ["NAME", "KIND", "LOCATION", "VERIFIED"],
                ["stable", "directory", repo, "no"],
                ["prod", "registry", "registry.corp/packages:1.0.0", "no"],
            ],
            listed.TrimEnd().Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)));

        var (dupCode, _, dupErr) = await Run("repo", "add", "stable", repo);
        Assert.Equal(1, dupCode);
        Assert.StartsWith("hull: error: repository 'stable' already exists", dupErr);

        var (yamlCode, yaml, yamlErr) = await Run("repo", "list", "-o", "yaml", "-n", "kapp-controller-packaging-global");
        Assert.Equal(0, yamlCode);
        Assert.Equal(
            "apiVersion: packaging.carvel.dev/v1alpha1\nkind: PackageRepository\nmetadata:\n  name: prod\n  namespace: kapp-controller-packaging-global\nspec:\n  fetch:\n    imgpkgBundle:\n      image: registry.corp/packages:1.0.0\n",
            yaml);
        Assert.Equal($"Warning: repository 'stable' ({repo}) is local to this machine; no PackageRepository written for it\n", yamlErr);

        Assert.Equal(0, (await Run("repo", "remove", "prod")).Code);
        var (missingCode, _, missingErr) = await Run("repo", "remove", "prod");
        Assert.Equal(1, missingCode);
        Assert.Equal("hull: error: no repository named 'prod'; known: stable\n", missingErr);
    }

    [Fact]
    public async Task AvailableListsPackagesAndVersions()
    {
        Assert.Equal(0, (await Run("repo", "add", "stable", Repository())).Code);

        var (code, output, err) = await Run("package", "available", "list");
        Assert.True(code == 0, err);
        Assert.Equal(
            [
                "NAME                           DISPLAY-NAME           SHORT-DESCRIPTION                 LATEST-VERSION",
                "config.my-opinionated.com      My opinionated config  Certificates and DNS credentials  0.1.0",
                "my-package.my-opinionated.com                                                           0.0.1",
            ],
            output.TrimEnd().Split('\n'));

        var (versionsCode, versions, _) = await Run("package", "available", "list", "config.my-opinionated.com");
        Assert.Equal(0, versionsCode);
        Assert.Equal(
            [
                "NAME                       VERSION  RELEASED-AT",
                "config.my-opinionated.com  0.0.1    2021-05-05 18:57:06 +0000 UTC",
                "config.my-opinionated.com  0.1.0    2021-05-05 18:57:06 +0000 UTC",
            ],
            versions.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task AvailableGetShowsTheValuesSchema()
    {
        string repo = Repository();

        var (code, output, err) = await Run("package", "available", "get", "config.my-opinionated.com/0.1.0", "--repo", repo);

        Assert.True(code == 0, err);
        Assert.StartsWith("NAME:                          config.my-opinionated.com\n", output);
        Assert.Contains("\nVERSION:                       0.1.0\n", output);
        Assert.Contains("\nMAINTAINERS:                   Jorge\n", output);
        Assert.Contains("\nLICENSE:                       Apache 2.0\n", output);
        Assert.EndsWith(
            "KEY         TYPE    DEFAULT    DESCRIPTION\n"
            + "domain      string             The wildcard domain\n"
            + "aws         object\n"
            + "aws.region  string  eu-west-1\n",
            output);

        var (yamlCode, yaml, yamlErr) = await Run("package", "available", "get", "config.my-opinionated.com/0.1.0", "--repo", repo, "-o", "yaml");
        Assert.True(yamlCode == 0, yamlErr);
        Assert.StartsWith("apiVersion: data.packaging.carvel.dev/v1alpha1\nkind: PackageMetadata\n", yaml);
        Assert.Contains("---\napiVersion: data.packaging.carvel.dev/v1alpha1\nkind: Package\nmetadata:\n  name: config.my-opinionated.com.0.1.0\n", yaml);
        Assert.DoesNotContain("0.0.1", yaml);

        var (metaCode, meta, _) = await Run("package", "available", "get", "config.my-opinionated.com", "--repo", repo);
        Assert.Equal(0, metaCode);
        Assert.Contains("\nDISPLAY-NAME:        My opinionated config\n", meta);
        Assert.EndsWith("VERSION  RELEASED-AT\n0.0.1    2021-05-05 18:57:06 +0000 UTC\n0.1.0    2021-05-05 18:57:06 +0000 UTC\n", meta);
    }

    [Fact]
    public async Task UnknownPackagesAndVersionsAreOneLineErrors()
    {
        string repo = Repository();

        var (code, _, err) = await Run("package", "available", "get", "config/1.0.0", "--repo", repo);
        Assert.Equal(1, code);
        Assert.Equal($"hull: error: repository '{repo}': package 'config' not found (did you mean 'config.my-opinionated.com'?); packages: config.my-opinionated.com, my-package.my-opinionated.com\n", err);

        var (versionCode, _, versionErr) = await Run("package", "available", "get", "config.my-opinionated.com/2.0.0", "--repo", repo);
        Assert.Equal(1, versionCode);
        Assert.Contains("has no version '2.0.0'; versions: 0.0.1, 0.1.0", versionErr);

        var (noneCode, _, noneErr) = await Run("package", "available", "list");
        Assert.Equal(1, noneCode);
        Assert.Contains("no repositories: add one with 'hull repo add NAME LOCATION'", noneErr);
    }

    [Fact]
    public async Task MissingFoldersAndUnreachableRegistriesAreOneLineErrors()
    {
        string missing = Path.Combine(_tmp, "missing");
        var (code, _, err) = await Run("package", "available", "list", "--repo", missing);
        Assert.Equal(1, code);
        Assert.Equal($"hull: error: repository '{missing}': no such folder\n", err);

        var (registryCode, _, registryErr) = await Run("package", "available", "list", "--repo", "127.0.0.1:9/nothing/here:v1", "--registry-retry-count", "0");
        Assert.Equal(1, registryCode);
        Assert.Contains("127.0.0.1:9/nothing/here:v1", registryErr);
        Assert.Single(registryErr.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task PackageInitScaffoldsAFolder()
    {
        string dir = Path.Combine(_tmp, "my-opinionated-config");
        var (code, output, err) = await Run("package", "init", "config.my-opinionated.com", "--dir", dir);

        Assert.True(code == 0, err);
        Assert.StartsWith($"file: {Path.Combine(dir, "package-metadata.yml")}\n", output);
        Assert.Contains($"Created package 'config.my-opinionated.com' in {dir}", output);
        Assert.True(File.Exists(Path.Combine(dir, ".imgpkg", "images.yml")));

        var (againCode, _, againErr) = await Run("package", "init", "config.my-opinionated.com", "--dir", dir);
        Assert.Equal(1, againCode);
        Assert.StartsWith($"hull: error: '{Path.Combine(dir, "config")}' already exists: init would add config/config.yml and config/values-schema.yml beside its templates; pass --from-config", againErr);
        var (adoptCode, _, adoptErr) = await Run("package", "init", "config.my-opinionated.com", "--dir", dir, "--from-config");
        Assert.Equal(1, adoptCode);
        Assert.StartsWith($"hull: error: '{dir}' already has", adoptErr);

        // A folder with its own config/ is adopted as it is: only the package files are added, and the output says so.
        string existing = Path.Combine(_tmp, "existing");
        Directory.CreateDirectory(Path.Combine(existing, "config"));
        File.WriteAllText(Path.Combine(existing, "config", "app.yml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n");
        var (fromCode, fromOut, fromErr) = await Run("package", "init", "app.corp.com", "--dir", existing, "--from-config");
        Assert.True(fromCode == 0, fromErr);
        Assert.Contains($"Adopted {Path.Combine(existing, "config")}/ as the configuration of package 'app.corp.com' (no templates added)", fromOut);
        Assert.Equal(["app.yml"], Directory.GetFiles(Path.Combine(existing, "config")).Select(Path.GetFileName));
        var (badCode, _, badErr) = await Run("package", "init", "Config", "--dir", dir);
        Assert.Equal(1, badCode);
        Assert.Equal("hull: error: package name 'Config' is not a valid DNS subdomain (lowercase letters, digits, '-' and '.', at most 253 characters)\n", badErr);
    }

    [Fact]
    public async Task CheckReportsProblemsAndWarnings()
    {
        string repo = Repository();
        var (code, output, err) = await Run("repo", "check", repo);
        Assert.True(code == 0, err);
        Assert.Equal(
            $"Warning: packages/my-package.my-opinionated.com/0.0.1.yml: package 'my-package.my-opinionated.com' has no PackageMetadata (tools list it without a description)\n{repo}: 2 packages, 3 versions, 2 locked images\nSucceeded\n",
            output);

        Write("repo/packages/broken.yml", "apiVersion: data.packaging.carvel.dev/v1alpha1\nkind: Package\nmetadata:\n  name: x\nspec:\n  refName: x.corp.com\n  version: 1.0\n");
        var (badCode, _, badErr) = await Run("repo", "check", repo);
        Assert.Equal(1, badCode);
        Assert.Equal($"hull: error: repository '{repo}': packages/broken.yml:7: document 1 (Package x): spec.version: expected a string, got the number 1 (quote it: '1')\n", badErr);
    }

    [Fact]
    public async Task ReadsARepositoryBundleFromAnOciLayout()
    {
        string repo = Repository();
        string layout = "oci:" + Path.Combine(_tmp, "layout") + ":1.0.0";
        var (pushCode, _, pushErr) = await RunRaw("bundle", "push", "-b", layout, "-f", repo);
        Assert.True(pushCode == 0, pushErr);

        var (code, output, err) = await Run("package", "available", "list", "--repo", layout);

        Assert.True(code == 0, err);
        Assert.Contains("config.my-opinionated.com      My opinionated config", output);
        var (checkCode, check, _) = await Run("repo", "check", layout);
        Assert.Equal(0, checkCode);
        Assert.Matches(@"@sha256:[0-9a-f]{64}: 2 packages, 3 versions, 2 locked images\n", check);
    }

    [Fact]
    public async Task ATrustedChannelIsVerifiedOnEveryRead()
    {
        string layout = "oci:" + Path.Combine(_tmp, "channel") + ":1.0.0";
        Assert.Equal(0, (await RunRaw("bundle", "push", "-b", layout, "-f", Repository())).Code);
        using var prod = Hull.Oci.Signatures.SigningKey.Generate();
        using var dev = Hull.Oci.Signatures.SigningKey.Generate();
        var (_, prodPub) = Hull.Oci.Signatures.KeyPairFiles.Write(Path.Combine(_tmp, "keys", "prod"), prod, null);
        var (_, devPub) = Hull.Oci.Signatures.KeyPairFiles.Write(Path.Combine(_tmp, "keys", "dev"), dev, null);

        var (code, output, err) = await Run("repo", "add", "prod", layout, "--trust", prodPub);
        Assert.True(code == 0, err);
        Assert.Equal($"Added repository 'prod' ({layout}, trusting {prod.PublicKey.ShortFingerprint})\n", output);
        Assert.Equal(0, (await Run("repo", "add", "plain", layout)).Code);
        var (_, listed, _) = await Run("repo", "list");
        Assert.Matches($@"\nprod +layout +{System.Text.RegularExpressions.Regex.Escape(layout)} +{prod.PublicKey.ShortFingerprint}\n", listed);
        Assert.Matches(@"\nplain +layout +\S+ +no\n", listed);

        // Unsigned: every read of the channel, an install first of all, is refused naming repository, digest and reason.
        string target = "dir:" + Path.Combine(_tmp, "target");
        foreach (string[] read in new[]
        {
            new[] { "package", "available", "list", "--repo", "prod" },
            ["package", "install", "app", "-p", "config.my-opinionated.com", "-v", "0.1.0", "--repo", "prod", "--target", target],
        })
        {
            var (refusedCode, _, refused) = await Run(read);
            Assert.Equal(1, refusedCode);
            Assert.Matches(@"^hull: error: repository 'prod': verification failed: oci:\S+@sha256:[0-9a-f]{64}: signature not verified: unsigned: there is no signature image sha256-[0-9a-f]{64}\.sig\n$", refused);
        }
        Assert.False(Directory.Exists(Path.Combine(_tmp, "target", "default", "app")));
        Assert.Equal(0, (await Run("package", "available", "list", "--repo", "plain")).Code);

        // Signed by the dev key: refused as untrusted; by the prod key: read.
        var location = Hull.Oci.References.ImageLocation.Parse(layout);
        var store = Hull.Oci.Layout.OciLayout.Open(Path.Combine(_tmp, "channel"));
        var digest = (await store.ResolveAsync("1.0.0")).Digest;
        await Hull.Oci.Signatures.ImageSigner.SignAsync(store, location.Repository, digest, dev);
        var (untrustedCode, _, untrusted) = await Run("package", "available", "list", "--repo", "prod");
        Assert.Equal(1, untrustedCode);
        Assert.Contains($"@{digest}: signature not verified: signed by an untrusted key", untrusted);
        await Hull.Oci.Signatures.ImageSigner.SignAsync(store, location.Repository, digest, prod);
        var (okCode, available, okErr) = await Run("package", "available", "list", "--repo", "prod");
        Assert.True(okCode == 0, okErr);
        Assert.Contains("config.my-opinionated.com", available);

        var (folderCode, _, folderErr) = await Run("repo", "add", "local", Repository(), "--trust", devPub);
        Assert.Equal(1, folderCode);
        Assert.Contains("a folder has no signature to verify", folderErr);
        var (privateCode, _, privateErr) = await Run("repo", "add", "wrong", layout, "--trust", Path.Combine(_tmp, "keys", "prod.key"));
        Assert.Equal(1, privateCode);
        Assert.Contains("is a private key", privateErr);
        Assert.DoesNotContain("PRIVATE KEY-----", privateErr);
    }
}
