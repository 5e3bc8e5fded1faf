using System.Text.RegularExpressions;
using Hull.Cli;

namespace Hull.Cli.Tests;

/// <summary>
/// `hull key generate`, `--sign` on package and repo releases, `hull bundle verify`, the signatures `hull package show`
/// lists, on OCI layouts and the test registry; tampering refused with its reason; bad keys as clear errors that never
/// print key material.
/// </summary>
public sealed class SigningCommandTests : IDisposable
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("hull-cli-signing-").FullName;

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("COSIGN_PASSWORD", null);
        Directory.Delete(_tmp, recursive: true);
    }

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] all = args[0] is "package" or "repo" ? [.. args, "--repositories-file", Path.Combine(_tmp, "repositories.yml")] : args;
        int code = await HullApp.RunAsync(all, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task<string> Ok(params string[] args)
    {
        var (code, output, err) = await Run(args);
        Assert.True(code == 0, $"hull {string.Join(' ', args)} exited {code}: {err}");
        return output + err;
    }

    private async Task<string> Fails(params string[] args)
    {
        var (code, output, err) = await Run(args);
        Assert.True(code == 1, $"hull {string.Join(' ', args)} exited {code}, expected 1: {output}{err}");
        return err;
    }

    private async Task<string> Key(string name)
    {
        string path = Path.Combine(_tmp, "keys", name);
        await Ok("key", "generate", path);
        return path;
    }

    private async Task<string> Package()
    {
        string package = Path.Combine(_tmp, "hello");
        if (!Directory.Exists(package))
        {
            await Ok("package", "init", "hello.example.com", "--dir", package);
        }
        return package;
    }

    [Fact]
    public async Task KeyGenerateWritesAnOwnerOnlyPairAndNeverOverwrites()
    {
        string name = Path.Combine(_tmp, "keys", "release");
        var (code, output, err) = await Run("key", "generate", name);
        Assert.True(code == 0, err);
        Assert.Contains($"Private key written to {name}.key (not encrypted: set COSIGN_PASSWORD to encrypt it)", output);
        Assert.Contains($"Public key written to {name}.pub", output);
        Assert.Matches("Fingerprint: sha256:[0-9a-f]{64}", output);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(name + ".key"));
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(name + ".pub"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(name + ".key"));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(name)!));
        }
        string before = File.ReadAllText(name + ".key");

        string again = await Fails("key", "generate", name);
        Assert.Contains($"hull: error: {name}.key: already exists; Hull does not overwrite keys", again);
        Assert.Equal(before, File.ReadAllText(name + ".key"));
    }

    [Fact]
    public async Task SignedReleaseToALayoutVerifiesAndShowsItsSignature()
    {
        string release = await Key("release");
        string other = await Key("other");
        string store = Path.Combine(_tmp, "store");
        string package = await Package();
        string output = await Ok("package", "release", package, "-b", $"oci:{store}/hello", "--version", "1.0.0",
            "--repo", $"oci:{store}/channel:stable", "--sign", release + ".key");
        Assert.Matches($"Signed 'oci:{Regex.Escape(store)}/hello@sha256:[0-9a-f]{{64}}' with {Regex.Escape(release)}.key \\([0-9a-f]{{16}}\\): oci:{Regex.Escape(store)}/hello:sha256-[0-9a-f]{{64}}\\.sig", output);
        Assert.Matches($"Signed 'oci:{Regex.Escape(store)}/channel@sha256:", output);

        string verified = await Ok("bundle", "verify", $"oci:{store}/hello:1.0.0", "--key", other + ".pub", "--key", release + ".pub");
        Assert.Contains($"verified: signed by {release}.pub (sha256:", verified);
        await Ok("bundle", "verify", $"oci:{store}/channel:stable", "--key", release + ".pub");

        string refused = await Fails("bundle", "verify", $"oci:{store}/channel:stable", "--key", other + ".pub");
        Assert.Matches($"hull: error: oci:{Regex.Escape(store)}/channel@sha256:[0-9a-f]{{64}}: signature not verified: signed by an untrusted key: none of the 1 signature\\(s\\) verifies with {Regex.Escape(other)}.pub", refused);

        string show = await Ok("package", "show", "hello.example.com/1.0.0", "-r", $"oci:{store}/channel:stable", "--key", release + ".pub");
        Assert.Matches($"Signatures:\n  verified: key sha256:[0-9a-f]{{64}} \\({Regex.Escape(release)}.pub\\) for oci:{Regex.Escape(store)}/hello\n", show);
        string unkeyed = await Ok("package", "show", "hello.example.com/1.0.0", "-r", $"oci:{store}/channel:stable");
        Assert.Contains($"Signatures:\n  not verified (no --key given) for oci:{store}/hello\n", unkeyed);

        // Without --key, a verified repository's trusted keys check the signatures.
        await Ok("repo", "add", "stable", $"oci:{store}/channel:stable", "--trust", release + ".pub");
        string trusted = await Ok("package", "show", "hello.example.com/1.0.0", "-r", "stable");
        Assert.Matches("Signatures:\n  verified: key sha256:[0-9a-f]{64} \\(.*trusted-keys/[0-9a-f]{64}\\.pub\\) for oci:", trusted);
        await Ok("repo", "add", "stable-other", $"oci:{store}/channel:stable", "--trust", other + ".pub");
        // The channel itself is signed by the release key only, so a repository trusting another key is refused first.
        string otherTrust = await Fails("package", "show", "hello.example.com/1.0.0", "-r", "stable-other");
        Assert.Contains("verification failed", otherTrust);

        // Releasing the same bundle again signs nothing new.
        string again = await Ok("package", "release", package, "-b", $"oci:{store}/hello", "--version", "1.0.0", "--sign", release + ".key");
        Assert.Contains("Already signed", again);
    }

    [Fact]
    public async Task TamperingOnTheRegistryIsRefusedWithItsReason()
    {
        string release = await Key("release");
        string registry = RegistryUnderTest.UniqueRepository("signing");
        string package = await Package();
        await Ok("package", "release", package, "-b", $"{registry}/hello", "--version", "1.0.0", "--repo", $"{registry}/channel:draft");
        await Ok("repo", "release", "-b", $"{registry}/channel:stable", "--from", $"{registry}/channel:draft", "--sign", release + ".key");
        string unsigned = await Fails("bundle", "verify", $"{registry}/hello:1.0.0", "--key", release + ".pub");
        Assert.Contains("signature not verified: unsigned: there is no signature image sha256-", unsigned);
        string unsignedShow = await Ok("package", "show", "hello.example.com/1.0.0", "-r", $"{registry}/channel:stable");
        Assert.Contains("Signatures: none (unsigned)", unsignedShow);
        await Ok("package", "release", package, "-b", $"{registry}/hello", "--version", "1.0.0", "--sign", release + ".key");
        await Ok("bundle", "verify", $"{registry}/hello:1.0.0", "--key", release + ".pub");
        await Ok("bundle", "verify", $"{registry}/channel:stable", "--key", release + ".pub");

        // A signature moved from another image: the channel's signature image copied onto the package bundle's tag.
        var (_, channelResolved, _) = await Run("bundle", "tag", "resolve", "-i", $"{registry}/channel:stable");
        var (_, helloResolved, _) = await Run("bundle", "tag", "resolve", "-i", $"{registry}/hello:1.0.0");
        string channelSig = "sha256-" + channelResolved.Trim().Split("sha256:")[1] + ".sig";
        string helloSig = "sha256-" + helloResolved.Trim().Split("sha256:")[1] + ".sig";
        using (var client = new Hull.Oci.Registry.RegistryClient())
        {
            var stores = new Hull.Oci.Storage.ImageStores(client);
            await new Hull.Oci.Copying.ImageCopier().CopyAsync(
                stores.Open(Hull.Oci.References.ImageLocation.Parse($"{registry}/channel")), channelSig,
                stores.Open(Hull.Oci.References.ImageLocation.Parse($"{registry}/hello")), helloSig);
        }
        string swapped = await Fails("bundle", "verify", $"{registry}/hello:1.0.0", "--key", release + ".pub");
        Assert.Contains("signature not verified: payload for another digest: signature layer 0", swapped);
        Assert.Contains($"the payload names sha256:{channelResolved.Trim().Split("sha256:")[1]}", swapped);

        // New content pushed under the released tag: its digest is unsigned.
        string other = Path.Combine(_tmp, "other-content");
        Directory.CreateDirectory(Path.Combine(other, ".imgpkg"));
        File.WriteAllText(Path.Combine(other, ".imgpkg", "images.yml"), "---\napiVersion: imgpkg.carvel.dev/v1alpha1\nkind: ImagesLock\n");
        File.WriteAllText(Path.Combine(other, "evil.yml"), "kind: ConfigMap\n");
        await Ok("bundle", "push", "-b", $"{registry}/hello:1.0.0", "-f", other);
        string replaced = await Fails("bundle", "verify", $"{registry}/hello:1.0.0", "--key", release + ".pub");
        Assert.Contains("signature not verified: unsigned: there is no signature image sha256-", replaced);
    }

    [Fact]
    public async Task EncryptedKeysNeedTheirPassphrase()
    {
        Environment.SetEnvironmentVariable("COSIGN_PASSWORD", "right-phrase");
        string name = Path.Combine(_tmp, "keys", "encrypted");
        string generated = await Ok("key", "generate", name);
        Assert.Contains("(encrypted with COSIGN_PASSWORD)", generated);
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", File.ReadAllText(name + ".key"));
        string store = Path.Combine(_tmp, "store");
        string package = await Package();
        await Ok("package", "release", package, "-b", $"oci:{store}/hello", "--version", "1.0.0", "--sign", name + ".key");

        Environment.SetEnvironmentVariable("COSIGN_PASSWORD", "wrong-phrase");
        string wrong = await Fails("package", "release", package, "-b", $"oci:{store}/hello", "--version", "1.0.1", "--sign", name + ".key", "--debug");
        Assert.Contains($"hull: error: {name}.key: cannot decrypt the private key: wrong passphrase in COSIGN_PASSWORD, or a damaged key", wrong);
        Assert.DoesNotContain("wrong-phrase", wrong);
        Assert.DoesNotContain("right-phrase", wrong);
        Assert.False(Directory.Exists(Path.Combine(store, "hello")) && (await Run("bundle", "tag", "resolve", "-i", $"oci:{store}/hello:1.0.1")).Code == 0,
            "nothing is pushed when the key cannot be read");

        Environment.SetEnvironmentVariable("COSIGN_PASSWORD", null);
        string missing = await Fails("package", "release", package, "-b", $"oci:{store}/hello", "--version", "1.0.1", "--sign", name + ".key");
        Assert.Contains("the private key is encrypted; set COSIGN_PASSWORD to its passphrase", missing);
    }

    [Fact]
    public async Task BadKeysAreClearErrorsWithoutKeyMaterialEvenWithDebug()
    {
        string release = await Key("release");
        string body = File.ReadAllText(release + ".key").Split('\n')[1];
        string store = Path.Combine(_tmp, "store");
        string package = await Package();

        string publicAsPrivate = await Fails("package", "release", package, "-b", $"oci:{store}/hello", "--version", "1.0.0", "--sign", release + ".pub", "--debug");
        Assert.Contains($"hull: error: {release}.pub: is a public key; signing needs the private key (NAME.key)", publicAsPrivate);

        string privateAsPublic = await Fails("bundle", "verify", $"oci:{store}/hello:1.0.0", "--key", release + ".key", "--debug");
        Assert.Contains($"hull: error: {release}.key: is a private key (\"PRIVATE KEY\"); verification takes the public key (NAME.pub)", privateAsPublic);
        Assert.DoesNotContain(body, privateAsPublic);

        string broken = Path.Combine(_tmp, "broken.key");
        File.WriteAllText(broken, "-----BEGIN PRIVATE KEY-----\n" + body[..20] + "\n-----END PRIVATE KEY-----\n");
        string malformed = await Fails("repo", "release", "-b", $"oci:{store}/channel:stable", "--sign", broken, "--debug");
        Assert.Contains($"hull: error: {broken}: the PRIVATE KEY block is not a DER PKCS#8 PrivateKeyInfo", malformed);
        Assert.DoesNotContain(body[..20], malformed);

        var (usage, _, usageErr) = await Run("bundle", "verify", $"oci:{store}/hello:1.0.0");
        Assert.Equal(2, usage);
        Assert.Contains("--key", usageErr);
    }
}
