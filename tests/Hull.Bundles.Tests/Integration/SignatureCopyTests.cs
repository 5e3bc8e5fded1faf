using System.Text.Json;
using Hull.Bundles.Copying;
using Hull.Bundles.Layers;
using Hull.Bundles.Operations;
using Hull.Bundles.Progress;
using Hull.Oci.Copying;
using Hull.Oci.Layout;
using Hull.Oci.References;
using Hull.Oci.Signatures;

namespace Hull.Bundles.Tests.Integration;

/// <summary>
/// Copies carry cosign's signatures, attestations and SBOMs (issue 20): every copied image's and bundle's
/// <c>sha256-HEX.sig/.att/.sbom</c> tags reach the destination (registry, tarball, OCI layout and back), tarballs
/// hold them as imgpkg's <c>--cosign-signatures</c> does (both tools read each other's), and a hostile attached image
/// is refused with bounded work.
/// </summary>
[Collection(nameof(WorkloadCollection))]
public sealed class SignatureCopyTests(Workload workload) : IDisposable
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("hull-sigcopy-it-").FullName;

    public void Dispose() => Directory.Delete(_tmp, recursive: true);

    /// <summary>An outer bundle (of an inner bundle, an index and an image) with attachments on each kind of image.</summary>
    private sealed record Signed(string Outer, Dictionary<string, Digest> Attached);

    private async Task<Signed> SignedBundle()
    {
        // Images of their own, so the attachments touch no other test's images.
        string source = TestRegistry.Unique("signed");
        var copier = new ImageCopier();
        async Task<string> Own(string image, string name)
        {
            var from = ImageLocation.Parse(image);
            var manifest = await workload.Stores.Open(from).GetManifestAsync(from.Identifier);
            await copier.CopyManifestAsync(workload.Stores.Open(from), manifest, workload.Stores.Open(ImageLocation.Parse($"{source}/{name}"), forWrite: true), "v1");
            return $"{source}/{name}@{manifest.Digest}";
        }
        string app = await Own(workload.Images[2], "app");
        string index = await Own(workload.Index, "multi");
        // The inner bundle holds no images: imgpkg 0.37.9 imports a tarball whose index children are also images of
        // their own with a race (MANIFEST_BLOB_UNKNOWN now and then, its own tarballs too), so no digest appears twice.
        string innerDir = Path.Combine(_tmp, "inner");
        Workload.WriteBundle(innerDir, [], "inner: true\n");
        var inner = await Push(innerDir, $"{source}/inner:v1");
        string outerDir = Path.Combine(_tmp, "outer");
        Workload.WriteBundle(outerDir, [inner.DigestReference, index, app], "outer: true\n");
        var outer = await Push(outerDir, $"{source}/outer:v2");

        var attached = new Dictionary<string, Digest>();
        async Task Attach(string reference, string kind, Digest? subject = null)
        {
            var location = ImageLocation.Parse(reference);
            var store = workload.Stores.Open(location, forWrite: true);
            var digest = subject ?? location.Digest!;
            attached[$"{location.Repository}:{SignatureTags.For(digest, kind)}"] = await CosignAttachments.AttachAsync(store, digest, kind);
        }
        foreach (string kind in SignatureTags.Suffixes)
        {
            await Attach(outer.DigestReference, kind);
        }
        await Attach(inner.DigestReference, ".sig");
        await Attach(app, ".sbom");
        await Attach(index, ".sig");
        // A platform image of the index, signed as `cosign sign --recursive` does.
        var platform = (await workload.Stores.Open(ImageLocation.Parse(index)).GetManifestAsync(index.Split('@')[1])).AsIndex().Manifests[1].Digest;
        await Attach(index, ".att", platform);
        return new Signed($"{source}/outer:v2", attached);
    }

    private async Task<PushResult> Push(string dir, string target) =>
        await BundlePusher.PushAsync(workload.Stores, new PushRequest(ImageLocation.Parse(target), new LayerOptions([dir], LayerOptions.DefaultExclusions), true, new Dictionary<string, string>()), _ => { }, CancellationToken.None);

    private async Task<CopyResult> Copy(CopySource source, CopyDestination destination, bool signatures = true) =>
        await new BundleCopier(workload.Stores, new CopyOptions { CarrySignatures = signatures }, NoProgress.Instance, _ => { }).CopyAsync(source, destination, CancellationToken.None);

    // Each attachment, by its tag, in the destination repository (a copy gathers every image into one).
    private async Task AssertAttachedAt(string destination, Signed signed, bool present = true)
    {
        var store = workload.Stores.Open(ImageLocation.Parse(destination));
        foreach (var (where, digest) in signed.Attached)
        {
            string tag = where[(where.LastIndexOf(':') + 1)..];
            if (present)
            {
                Assert.Equal(digest, (await store.ResolveAsync(tag)).Digest);
            }
            else
            {
                await Assert.ThrowsAsync<Hull.Oci.OciNotFoundException>(() => store.ResolveAsync(tag));
            }
        }
    }

    [Fact]
    public async Task RepoToRepoCarriesEveryAttachment()
    {
        var signed = await SignedBundle();
        string dest = TestRegistry.Unique("sig-dest");
        var result = await Copy(new CopySource(Bundle: ImageLocation.Parse(signed.Outer)), new CopyDestination(ImageLocation.Parse(dest)));
        Assert.Equal(4 + signed.Attached.Count, result.Images);
        await AssertAttachedAt(dest, signed);
    }

    [Fact]
    public async Task WithoutSignaturesLeavesThem()
    {
        var signed = await SignedBundle();
        string dest = TestRegistry.Unique("sig-none");
        var result = await Copy(new CopySource(Bundle: ImageLocation.Parse(signed.Outer)), new CopyDestination(ImageLocation.Parse(dest)), signatures: false);
        Assert.Equal(4, result.Images);
        await AssertAttachedAt(dest, signed, present: false);

        // A tarball that holds them: importing it without signatures leaves them too.
        string tar = Path.Combine(_tmp, "signed.tar");
        await Copy(new CopySource(Bundle: ImageLocation.Parse(signed.Outer)), new CopyDestination(Tarball: tar));
        string fromTar = TestRegistry.Unique("sig-none-tar");
        await Copy(new CopySource(Tarball: tar), new CopyDestination(ImageLocation.Parse(fromTar)), signatures: false);
        await AssertAttachedAt(fromTar, signed, present: false);
    }

    [Fact]
    public async Task RepoToTarToRepoCarriesThemInImgpkgsFormat()
    {
        var signed = await SignedBundle();
        string tar = Path.Combine(_tmp, "signed.tar");
        await Copy(new CopySource(Bundle: ImageLocation.Parse(signed.Outer)), new CopyDestination(Tarball: tar));

        // As imgpkg --cosign-signatures writes them: plain image entries whose Tag is the cosign tag, OrigRef empty.
        var entries = Hull.Bundles.Tarball.TarballReader.Open(tar).Items.Where(i => SignatureTags.IsAttachmentTag(i.Image?.Tag ?? "")).ToList();
        Assert.Equal(signed.Attached.Count, entries.Count);
        Assert.All(entries, e => Assert.Equal("", e.Image!.OrigRef));
        Assert.All(entries, e => Assert.Null(e.Image!.Labels));

        string dest = TestRegistry.Unique("sig-from-tar");
        var result = await Copy(new CopySource(Tarball: tar), new CopyDestination(ImageLocation.Parse(dest)));
        Assert.True(result.IsBundle);
        Assert.Equal("v2", result.RootTag);
        await AssertAttachedAt(dest, signed);
    }

    [Fact]
    public async Task RepoToLayoutToRepoCarriesThem()
    {
        var signed = await SignedBundle();
        string layout = "oci:" + Path.Combine(_tmp, "layout");
        await Copy(new CopySource(Bundle: ImageLocation.Parse(signed.Outer)), new CopyDestination(ImageLocation.Parse(layout)));
        await AssertAttachedAt(layout, signed);
        string dest = TestRegistry.Unique("sig-from-layout");
        await Copy(new CopySource(Bundle: ImageLocation.Parse(layout + ":v2")), new CopyDestination(ImageLocation.Parse(dest)));
        await AssertAttachedAt(dest, signed);
    }

    [Fact]
    public async Task SingleImageWithSignatureThroughTarKeepsItsRoot()
    {
        string repo = TestRegistry.Unique("sig-image");
        var from = ImageLocation.Parse(workload.Images[2]);
        var manifest = await workload.Stores.Open(from).GetManifestAsync(from.Identifier);
        await new ImageCopier().CopyManifestAsync(workload.Stores.Open(from), manifest, workload.Stores.Open(ImageLocation.Parse(repo), forWrite: true), "v1");
        var sig = await CosignAttachments.AttachAsync(workload.Stores.Open(ImageLocation.Parse(repo), forWrite: true), manifest.Digest, ".sig");
        string tar = Path.Combine(_tmp, "image.tar");
        await Copy(new CopySource(Image: ImageLocation.Parse(repo + ":v1")), new CopyDestination(Tarball: tar));
        string dest = TestRegistry.Unique("sig-image-dest");
        var result = await Copy(new CopySource(Tarball: tar), new CopyDestination(ImageLocation.Parse(dest)));
        Assert.Equal($"{dest}@{manifest.Digest}", result.RootDigestReference);
        Assert.Equal(sig, (await workload.Stores.Open(ImageLocation.Parse(dest)).ResolveAsync(SignatureTags.For(manifest.Digest, ".sig"))).Digest);
    }

    [Fact]
    public async Task ImgpkgReadsHullsTarballAndHullReadsImgpkgs()
    {
        var signed = await SignedBundle();
        string imgpkg = ReferenceImgpkg();

        string hullTar = Path.Combine(_tmp, "hull.tar");
        await Copy(new CopySource(Bundle: ImageLocation.Parse(signed.Outer)), new CopyDestination(Tarball: hullTar));
        string byImgpkg = TestRegistry.Unique("sig-imgpkg-import");
        var (code, _, err) = TestRegistry.Run(imgpkg, "copy", "--tar", hullTar, "--to-repo", byImgpkg, "--registry-insecure");
        Assert.True(code == 0, err);
        await AssertAttachedAt(byImgpkg, signed);

        // imgpkg 0.37.9 carries only .sig tags, and of an index only its own: those are what Hull must restore.
        string imgpkgTar = Path.Combine(_tmp, "imgpkg.tar");
        (code, _, err) = TestRegistry.Run(imgpkg, "copy", "-b", signed.Outer, "--to-tar", imgpkgTar, "--cosign-signatures", "--registry-insecure");
        Assert.True(code == 0, err);
        string byHull = TestRegistry.Unique("sig-hull-import");
        await Copy(new CopySource(Tarball: imgpkgTar), new CopyDestination(ImageLocation.Parse(byHull)));
        var carried = new Signed(signed.Outer, signed.Attached.Where(a => a.Key.EndsWith(".sig", StringComparison.Ordinal)).ToDictionary());
        Assert.Equal(3, carried.Attached.Count);
        await AssertAttachedAt(byHull, carried);
    }

    [Fact]
    public async Task SignatureImageWithThousandsOfLayersIsRefused()
    {
        var (layout, pushed, bundle) = await LayoutBundleAsync("hostile");
        await CosignAttachments.AttachAsync(layout, pushed.Digest, ".sig", layers: 5000);
        var started = DateTime.UtcNow;
        var ex = await Assert.ThrowsAsync<BundleException>(() => CopyToTar(bundle, "x.tar"));
        Assert.Contains("5000 layers", ex.Message);
        Assert.Contains(SignatureTags.For(pushed.Digest, ".sig"), ex.Message);
        Assert.Contains("--without-signatures", ex.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));

        // The way out the message names works.
        await CopyToTar(bundle, "y.tar", signatures: false);
    }

    [Fact]
    public async Task GarbageUnderASignatureTagIsRefusedByName()
    {
        var (layout, pushed, bundle) = await LayoutBundleAsync("garbage");
        // Not a manifest at all, under the .att tag.
        byte[] garbage = "this is not a manifest"u8.ToArray();
        var blob = Hull.Oci.Manifests.Descriptor.For(Hull.Oci.Manifests.MediaTypes.OciManifest, garbage);
        await layout.PutBlobAsync(blob, new MemoryStream(garbage));
        await layout.TagAsync(blob, SignatureTags.For(pushed.Digest, ".att"));
        var ex = await Assert.ThrowsAsync<BundleException>(() => CopyToTar(bundle, "x.tar"));
        Assert.Contains(SignatureTags.For(pushed.Digest, ".att"), ex.Message);
        Assert.Contains(pushed.Digest.ToString(), ex.Message);
    }

    [Fact]
    public async Task IndexUnderASignatureTagIsRefused()
    {
        var (layout, pushed, bundle) = await LayoutBundleAsync("index-sig");
        var index = Hull.Oci.Manifests.Manifest.From(new Hull.Oci.Manifests.ImageIndex { MediaType = Hull.Oci.Manifests.MediaTypes.OciIndex, Manifests = [] });
        await layout.PutManifestAsync(index, SignatureTags.For(pushed.Digest, ".sig"));
        var ex = await Assert.ThrowsAsync<BundleException>(() => CopyToTar(bundle, "x.tar"));
        Assert.Contains("is an index", ex.Message);
    }

    // A bundle in an OCI layout of its own, whose cosign tags a test then fills with hostile content.
    private async Task<(OciLayout Layout, PushResult Pushed, ImageLocation Bundle)> LayoutBundleAsync(string name)
    {
        string path = Path.Combine(_tmp, name);
        var layout = OciLayout.OpenOrCreate(path);
        return (layout, await Push(workload.Inner, $"oci:{path}:v1"), ImageLocation.Parse($"oci:{path}:v1"));
    }

    private Task<CopyResult> CopyToTar(ImageLocation bundle, string tar, bool signatures = true) =>
        Copy(new CopySource(Bundle: bundle), new CopyDestination(Tarball: Path.Combine(_tmp, tar)), signatures);

    private static string ReferenceImgpkg() =>
        Path.Combine(ChildProcess.Run(TestPaths.Shared("reference", "install"), Environment.CurrentDirectory, null).Trim(), "imgpkg");
}
