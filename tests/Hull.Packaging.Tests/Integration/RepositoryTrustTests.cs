using Hull.Bundles.Images;
using Hull.Bundles.Layers;
using Hull.Bundles.Operations;
using Hull.Bundles.Progress;
using Hull.Oci.Copying;
using Hull.Oci.References;
using Hull.Oci.Signatures;
using Hull.Packaging.Repositories;
using Hull.Packaging.Sources;

namespace Hull.Packaging.Tests.Integration;

/// <summary>
/// Signed channels (issue 20) against the test registry and OCI layouts: a repository added with trusted keys is
/// verified on every read; a signed repository vouches for the package bundles its ImagesLock binds by digest;
/// signatures travel with copies (registry to tarball to another registry, registry to layout) and verify there;
/// each tampering (ImagesLock edited, signature swapped from another image, new content under a released tag,
/// another signer, no signature, the trusted key file changed) is refused with its reason.
/// </summary>
public sealed class RepositoryTrustTests : IDisposable
{
    private readonly PackageWorkbench _bench = new();
    private readonly SigningKey _prod = SigningKey.Generate();
    private readonly SigningKey _dev = SigningKey.Generate();

    public void Dispose()
    {
        _prod.Dispose();
        _dev.Dispose();
        _bench.Dispose();
    }

    private string RepoTag => $"{_bench.Prefix}/repo:latest";

    private static readonly Dictionary<string, string> Config = new() { ["config.yml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  release: one\n" };

    // Releases app.corp.com 1.0.0 into the workbench's repository; returns the repository bundle's digest.
    private async Task<Digest> PublishAsync()
    {
        await _bench.ReleaseAsync(_bench.Folder("app.corp.com", Config), "1.0.0");
        return (await _bench.PublishAsync()).Bundle!.Digest!;
    }

    private Task<PushResult> PushBundleAsync(string folder, string target) =>
        BundlePusher.PushAsync(_bench.Stores, new PushRequest(ImageLocation.Parse(target), new LayerOptions([folder], LayerOptions.DefaultExclusions), true, new Dictionary<string, string>()), _ => { }, CancellationToken.None);

    private async Task SignAsync(string location, SigningKey key)
    {
        var image = await FetchedImage.FetchAsync(_bench.Stores, ImageLocation.Parse(location), CancellationToken.None);
        await ImageSigner.SignAsync(image.Store, image.Location.Repository, image.Digest, key);
    }

    // The channel as a user adds it: `hull repo add prod LOCATION --trust prod.pub`.
    private async Task<RepositorySource> TrustingAsync(string location, params SigningKey[] keys)
    {
        var list = await RepositorySources.LoadAsync(Path.Combine(_bench.Root, "config", RepositorySources.FileName), CancellationToken.None);
        var source = list.Add("prod", location, keys.Select(k => k.PublicKey).ToList());
        await list.SaveAsync(CancellationToken.None);
        return source;
    }

    private Task<RepositoryContents> LoadAsync(RepositorySource source) => RepositoryLoader.LoadAsync(source, _bench.Stores, CancellationToken.None);

    private async Task<RepositoryException> RefusedAsync(RepositorySource source, Digest digest, string reason)
    {
        var ex = await Assert.ThrowsAsync<RepositoryException>(() => LoadAsync(source));
        Assert.Contains("repository 'prod'", ex.Message);
        Assert.Contains(digest.ToString(), ex.Message);
        Assert.Contains(reason, ex.Message);
        return ex;
    }

    private async Task<Hull.Packaging.Installing.Installation> InstallAsync(RepositoryContents contents)
    {
        _bench.Contents.Clear();
        _bench.Contents.Add(contents);
        var (target, reconciler) = _bench.Open($"target-{Guid.NewGuid():N}");
        using (target)
        {
            return await reconciler.ReconcileAsync(PackageWorkbench.Install("app", "app.corp.com", "1.0.0"), CancellationToken.None);
        }
    }

    [Fact]
    public async Task ASignedChannelVerifiesAndInstalls()
    {
        await PublishAsync();
        await SignAsync(RepoTag, _prod);
        var contents = await LoadAsync(await TrustingAsync(RepoTag, _dev, _prod));
        Assert.True(contents.Verification!.IsVerified);
        Assert.Equal(_prod.PublicKey.Fingerprint, contents.Verification.Key!.Fingerprint);
        var installed = await InstallAsync(contents);
        Assert.True(installed.Succeeded, installed.UsefulErrorMessage);
    }

    [Fact]
    public async Task AnUnsignedChannelIsRefused()
    {
        var digest = await PublishAsync();
        await RefusedAsync(await TrustingAsync(RepoTag, _prod), digest, "unsigned");
    }

    [Fact]
    public async Task AChannelSignedByAnotherKeyIsRefused()
    {
        var digest = await PublishAsync();
        await SignAsync(RepoTag, _dev);
        await RefusedAsync(await TrustingAsync(RepoTag, _prod), digest, "signed by an untrusted key");
    }

    [Fact]
    public async Task ASignatureSwappedFromAnotherImageIsRefused()
    {
        var digest = await PublishAsync();
        // The prod key signed the package bundle; that signature image is put under the repository's signature tag.
        var package = ImageLocation.Parse(_bench.Contents[0].Packages.Single().Package.Spec.Template!.Spec!.Fetch![0].ImgpkgBundle!.Image!);
        await SignAsync(package.ToString()!, _prod);
        var packageStore = _bench.Stores.Open(package);
        var signature = await packageStore.GetManifestAsync(SignatureTags.Signature(package.Digest!));
        await new ImageCopier().CopyManifestAsync(packageStore, signature, _bench.Stores.Open(ImageLocation.Parse(RepoTag), forWrite: true), SignatureTags.Signature(digest));
        await RefusedAsync(await TrustingAsync(RepoTag, _prod), digest, "payload for another digest");
    }

    [Fact]
    public async Task AnEditedImagesLockIsRefused()
    {
        var signed = await PublishAsync();
        await SignAsync(RepoTag, _prod);
        var source = await TrustingAsync(RepoTag, _prod);
        await LoadAsync(source);

        // The repository pulled, its ImagesLock edited (an extra image), pushed again under the same tag.
        string dir = Path.Combine(_bench.Root, "edited");
        await BundlePuller.PullAsync(_bench.Stores, new PullRequest(ImageLocation.Parse(RepoTag), true, dir, false), _ => { }, CancellationToken.None);
        string lockPath = Path.Combine(dir, ".imgpkg", "images.yml");
        var imagesLock = Hull.Bundles.Locks.LockYaml.ParseImagesLock(File.ReadAllBytes(lockPath), lockPath);
        var extra = new Hull.Bundles.Locks.ImagesLockEntry($"{imagesLock.Images[0].Image.Split('@')[0]}@sha256:{new string('0', 64)}");
        File.WriteAllBytes(lockPath, Hull.Bundles.Locks.LockYaml.Emit(new Hull.Bundles.Locks.ImagesLock { Images = [.. imagesLock.Images, extra] }));
        var edited = await PushBundleAsync(dir, RepoTag);
        Assert.NotEqual(signed, edited.Digest);
        await RefusedAsync(source, edited.Digest, "unsigned");

        // The old signature copied to the new digest's tag names the old digest.
        var store = _bench.Stores.Open(ImageLocation.Parse(RepoTag), forWrite: true);
        await store.PutManifestAsync(await store.GetManifestAsync(SignatureTags.Signature(signed)), SignatureTags.Signature(edited.Digest));
        await RefusedAsync(source, edited.Digest, "payload for another digest");
    }

    [Fact]
    public async Task NewContentUnderAReleasedTagIsNeverInstalledAndATagBoundPackageIsRefused()
    {
        await PublishAsync();
        var released = _bench.Contents[0].Packages.Single().Package.Spec.Template!.Spec!.Fetch![0].ImgpkgBundle!.Image!;
        string packageTag = $"{_bench.Prefix}/app:1.0.0";

        // A repository written by hand whose Package names its bundle by tag; its ImagesLock binds the released digest.
        string repo = Path.Combine(_bench.Root, "by-tag");
        PackageWorkbench.Write(Path.Combine(repo, "packages", "app.corp.com", "1.0.0.yml"), Hull.Packaging.Resources.Serialization.ResourceYaml.Emit(
            _bench.Contents[0].Packages.Single().Package).Replace(released, packageTag, StringComparison.Ordinal));
        PackageWorkbench.Write(Path.Combine(repo, ".imgpkg", "images.yml"), $"---\napiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\nimages:\n- image: {released}\n");
        string byTag = $"{_bench.Prefix}/by-tag:1";
        await PushBundleAsync(repo, byTag);
        await SignAsync(byTag, _prod);
        await SignAsync(RepoTag, _prod);
        var list = await RepositorySources.LoadAsync(Path.Combine(_bench.Root, "config", RepositorySources.FileName), CancellationToken.None);
        var byDigestSource = list.Add("prod", RepoTag, [_prod.PublicKey]);
        var byTagSource = list.Add("bytag", byTag, [_prod.PublicKey]);

        var byTagContents = await LoadAsync(byTagSource);
        Assert.True((await InstallAsync(byTagContents)).Succeeded);

        // New content pushed under the released tag.
        string tampered = _bench.Folder("app.corp.com", new Dictionary<string, string> { ["config.yml"] = Config["config.yml"].Replace("one", "evil", StringComparison.Ordinal) });
        var pushed = await PushBundleAsync(tampered, packageTag);

        // The channel that binds its package by digest still installs what was released.
        var installed = await InstallAsync(await LoadAsync(byDigestSource));
        Assert.True(installed.Succeeded, installed.UsefulErrorMessage);
        Assert.EndsWith(released.Split('@')[1], installed.Bundle, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", string.Concat(Directory.EnumerateFiles(_bench.Root, "*.yml", SearchOption.AllDirectories).Where(f => f.Contains("target-", StringComparison.Ordinal)).Select(File.ReadAllText)));

        // The one that names a tag is refused: the tag is now content the signed lock does not bind.
        var refused = await InstallAsync(await LoadAsync(byTagSource));
        Assert.False(refused.Succeeded);
        Assert.Contains($"is {pushed.Digest}, which the signed .imgpkg/images.yml does not bind", refused.UsefulErrorMessage);
    }

    [Fact]
    public async Task ASignedChannelVerifiesAfterCopiesThroughATarballToAnotherRegistryAndToALayout()
    {
        await PublishAsync();
        await SignAsync(RepoTag, _prod);
        var copier = new BundleCopier(_bench.Stores, new CopyOptions(), NoProgress.Instance, _ => { });
        string tar = Path.Combine(_bench.Root, "channel.tar");
        await copier.CopyAsync(new CopySource(Bundle: ImageLocation.Parse(RepoTag)), new CopyDestination(Tarball: tar), CancellationToken.None);
        // Another registry by name: the same server reached as localhost instead of 127.0.0.1.
        string other = $"localhost:{PackageWorkbench.Registry.Split(':')[1]}/air-gapped-{Guid.NewGuid():N}/channel";
        await copier.CopyAsync(new CopySource(Tarball: tar), new CopyDestination(ImageLocation.Parse(other)), CancellationToken.None);
        string layout = "oci:" + Path.Combine(_bench.Root, "layout");
        await copier.CopyAsync(new CopySource(Bundle: ImageLocation.Parse(RepoTag)), new CopyDestination(ImageLocation.Parse(layout)), CancellationToken.None);

        var list = await RepositorySources.LoadAsync(Path.Combine(_bench.Root, "config", RepositorySources.FileName), CancellationToken.None);
        var relocated = await LoadAsync(list.Add("prod", other + ":latest", [_prod.PublicKey]));
        Assert.True(relocated.Verification!.IsVerified);
        var installed = await InstallAsync(relocated);
        Assert.True(installed.Succeeded, installed.UsefulErrorMessage);
        Assert.StartsWith(other + "@sha256:", installed.Bundle, StringComparison.Ordinal);

        var local = await LoadAsync(list.Add("local", layout + ":latest", [_prod.PublicKey]));
        Assert.True(local.Verification!.IsVerified);
        Assert.True((await InstallAsync(local)).Succeeded);

        // Copied without signatures, the same channel is refused at its new place.
        string bare = $"{_bench.Prefix}-bare/channel";
        await new BundleCopier(_bench.Stores, new CopyOptions { CarrySignatures = false }, NoProgress.Instance, _ => { })
            .CopyAsync(new CopySource(Tarball: tar), new CopyDestination(ImageLocation.Parse(bare)), CancellationToken.None);
        var ex = await Assert.ThrowsAsync<RepositoryException>(() => LoadAsync(list.Add("bare", bare + ":latest", [_prod.PublicKey])));
        Assert.Contains("unsigned", ex.Message);
    }

    [Fact]
    public async Task AChangedTrustedKeyFileIsRefused()
    {
        await PublishAsync();
        await SignAsync(RepoTag, _dev);
        var source = await TrustingAsync(RepoTag, _prod);
        File.WriteAllText(source.Trust[0].File, _dev.PublicKey.ExportPem());
        var ex = await Assert.ThrowsAsync<RepositoryException>(() => LoadAsync(source));
        Assert.Contains($"holds key {_dev.PublicKey.Fingerprint}, not the trusted {_prod.PublicKey.Fingerprint}", ex.Message);
        File.Delete(source.Trust[0].File);
        Assert.Contains("cannot be read", (await Assert.ThrowsAsync<RepositoryException>(() => LoadAsync(source))).Message);
    }

    // The channel copied into an OCI layout, whose .sig tag the test then fills with hostile content.
    private async Task<(RepositorySource Source, Hull.Oci.Layout.OciLayout Layout, Digest Digest)> LayoutChannelAsync()
    {
        var digest = await PublishAsync();
        string path = Path.Combine(_bench.Root, "hostile-layout");
        await new BundleCopier(_bench.Stores, new CopyOptions(), NoProgress.Instance, _ => { })
            .CopyAsync(new CopySource(Bundle: ImageLocation.Parse(RepoTag)), new CopyDestination(ImageLocation.Parse("oci:" + path)), CancellationToken.None);
        return (await TrustingAsync($"oci:{path}:latest", _prod), Hull.Oci.Layout.OciLayout.Open(path), digest);
    }

    // A .sig image for digest whose every layer is this payload with this signature annotation.
    private static async Task PutSignatureImageAsync(Hull.Oci.Layout.OciLayout layout, Digest digest, byte[] payload, string signature, int layers)
    {
        var layer = SignatureImage.Layer(payload, signature);
        var (manifest, config) = SignatureImage.Build(Enumerable.Repeat(layer, layers).ToList());
        await layout.PutBlobAsync(layer, new MemoryStream(payload));
        await layout.PutBlobAsync(manifest.AsImage().Config, new MemoryStream(config));
        await layout.PutManifestAsync(manifest, SignatureTags.Signature(digest));
    }

    [Fact]
    public async Task ASignatureImageWithThousandsOfLayersIsRefusedWithoutReadingThem()
    {
        var (source, layout, digest) = await LayoutChannelAsync();
        byte[] payload = SimpleSigningPayload.Create(source.Location, digest);
        await PutSignatureImageAsync(layout, digest, payload, Convert.ToBase64String(_prod.Sign(payload)), layers: 5000);
        var started = DateTime.UtcNow;
        await RefusedAsync(source, digest, "the signature image has 5000 layers");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task GarbageUnderTheSignatureTagIsRefused()
    {
        var (source, layout, digest) = await LayoutChannelAsync();
        byte[] garbage = "\u0000not a manifest at all"u8.ToArray();
        var blob = Hull.Oci.Manifests.Descriptor.For(Hull.Oci.Manifests.MediaTypes.OciManifest, garbage);
        await layout.PutBlobAsync(blob, new MemoryStream(garbage));
        await layout.TagAsync(blob, SignatureTags.Signature(digest));
        var ex = await RefusedAsync(source, digest, SignatureTags.Signature(digest));
        Assert.DoesNotContain("   at ", ex.Message);

        // A signature image whose layer is not base64 and whose payload is not JSON: malformed, not a crash.
        byte[] payload = "{not json"u8.ToArray();
        await PutSignatureImageAsync(layout, digest, payload, "!!not base64!!", layers: 1);
        await RefusedAsync(source, digest, "malformed signature");
    }
}
