using System.Text;
using Hull.Oci.Auth;
using Hull.Oci.Registry;

namespace Hull.Oci.Tests.Auth;

public sealed class CredentialTests
{
    [Fact]
    public void ParsesBearerChallenge()
    {
        var challenge = AuthChallenge.Parse("""Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull,push" """)!;
        Assert.True(challenge.IsBearer);
        Assert.Equal("https://auth.docker.io/token", challenge.Realm);
        Assert.Equal("registry.docker.io", challenge.Service);
        Assert.Equal("repository:library/nginx:pull,push", challenge.Scope);
    }

    [Fact]
    public void ParsesBasicChallengeAndUnquotedValues()
    {
        var basic = AuthChallenge.Parse("""Basic realm="Registry Realm" """)!;
        Assert.True(basic.IsBasic);
        Assert.Equal("Registry Realm", basic.Realm);
        var unquoted = AuthChallenge.Parse("bearer realm=https://x/token, service=x")!;
        Assert.True(unquoted.IsBearer);
        Assert.Equal("https://x/token", unquoted.Realm);
        Assert.Equal("x", unquoted.Service);
        Assert.Null(AuthChallenge.Parse(""));
    }

    [Fact]
    public async Task ReadsDockerConfigAuths()
    {
        using var temp = TestImages.TempDir();
        string path = temp.Sub("config.json");
        string auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret:with:colons"));
        await File.WriteAllTextAsync(path, $$"""
            {
              "auths": {
                "https://index.docker.io/v1/": { "auth": "{{auth}}" },
                "registry.example.com:5000": { "username": "bob", "password": "pw" },
                "tokens.example.com": { "identitytoken": "refresh-me" }
              }
            }
            """);
        var source = new DockerConfigCredentials(path);
        var hub = await source.GetAsync("index.docker.io");
        Assert.Equal("alice", hub!.Username);
        Assert.Equal("s3cret:with:colons", hub.Password);
        Assert.Equal("bob", (await source.GetAsync("registry.example.com:5000"))!.Username);
        Assert.Equal("refresh-me", (await source.GetAsync("tokens.example.com"))!.IdentityToken);
        Assert.Null(await source.GetAsync("other.example.com"));
        Assert.DoesNotContain("s3cret", hub.ToString());
    }

    [Fact]
    public async Task MissingDockerConfigMeansNoCredentials()
    {
        using var temp = TestImages.TempDir();
        Assert.Null(await new DockerConfigCredentials(temp.Sub("nope.json")).GetAsync("x.io"));
    }

    [Fact]
    public async Task InvalidDockerConfigErrorNamesTheFileButNoSecret()
    {
        using var temp = TestImages.TempDir();
        string path = temp.Sub("config.json");
        await File.WriteAllTextAsync(path, """{"auths": {"x.io": {"password": "topsecret" """);
        var e = await Assert.ThrowsAsync<OciException>(async () => await new DockerConfigCredentials(path).GetAsync("x.io"));
        Assert.Contains(path, e.Message);
        Assert.DoesNotContain("topsecret", e.Message);
    }

    [Fact]
    public async Task RunsCredentialHelpers()
    {
        using var temp = TestImages.TempDir();
        string bin = temp.Sub("bin");
        Directory.CreateDirectory(bin);
        string helper = Path.Combine(bin, "docker-credential-hulltest");
        await File.WriteAllTextAsync(helper, """
            #!/bin/sh
            read server
            if [ "$server" = "helped.example.com" ]; then
              echo '{"ServerURL":"helped.example.com","Username":"helper-user","Secret":"helper-secret"}'
            elif [ "$server" = "token.example.com" ]; then
              echo '{"ServerURL":"token.example.com","Username":"<token>","Secret":"refresh"}'
            else
              echo "credentials not found in native keychain"; exit 1
            fi
            """);
        if (OperatingSystem.IsWindows())
            return;
        File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string path = temp.Sub("config.json");
        await File.WriteAllTextAsync(path, """
            {"credHelpers": {"helped.example.com": "hulltest", "token.example.com": "hulltest", "none.example.com": "hulltest"},
             "auths": {"plain.example.com": {"username": "u", "password": "p"}}}
            """);
        string oldPath = Environment.GetEnvironmentVariable("PATH")!;
        Environment.SetEnvironmentVariable("PATH", bin + ":" + oldPath);
        try
        {
            var source = new DockerConfigCredentials(path);
            var helped = await source.GetAsync("helped.example.com");
            Assert.Equal("helper-user", helped!.Username);
            Assert.Equal("helper-secret", helped.Password);
            Assert.Equal("refresh", (await source.GetAsync("token.example.com"))!.IdentityToken);
            Assert.Null(await source.GetAsync("none.example.com"));
            Assert.Equal("u", (await source.GetAsync("plain.example.com"))!.Username);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", oldPath);
        }
    }

    [Fact]
    public async Task ReadsImgpkgEnvironmentSets()
    {
        var source = new EnvironmentCredentials(new Dictionary<string, string>
        {
            ["IMGPKG_REGISTRY_HOSTNAME"] = "one.example.com",
            ["IMGPKG_REGISTRY_USERNAME"] = "u1",
            ["IMGPKG_REGISTRY_PASSWORD"] = "p1",
            ["IMGPKG_REGISTRY_HOSTNAME_0"] = "two.example.com:5000",
            ["IMGPKG_REGISTRY_IDENTITY_TOKEN_0"] = "id",
            ["IMGPKG_REGISTRY_HOSTNAME_1"] = "*.gcr.io",
            ["IMGPKG_REGISTRY_REGISTRY_TOKEN_1"] = "tok",
            ["IMGPKG_REGISTRY_HOSTNAME_2"] = "docker.io",
            ["IMGPKG_REGISTRY_USERNAME_2"] = "hub",
        });
        Assert.Equal("u1", (await source.GetAsync("one.example.com"))!.Username);
        Assert.Equal("id", (await source.GetAsync("two.example.com:5000"))!.IdentityToken);
        Assert.Equal("tok", (await source.GetAsync("us.gcr.io"))!.RegistryToken);
        Assert.Null(await source.GetAsync("a.b.gcr.io"));
        Assert.Equal("hub", (await source.GetAsync("index.docker.io"))!.Username);
        Assert.Null(await source.GetAsync("three.example.com"));
    }

    [Fact]
    public async Task ExactHostsWinOverGlobsAndRepositoriesOverBoth()
    {
        var source = new EnvironmentCredentials(new Dictionary<string, string>
        {
            ["IMGPKG_REGISTRY_HOSTNAME_0"] = "*.docker.io",
            ["IMGPKG_REGISTRY_USERNAME_0"] = "glob",
            ["IMGPKG_REGISTRY_HOSTNAME_1"] = "foo.docker.io",
            ["IMGPKG_REGISTRY_USERNAME_1"] = "exact",
            ["IMGPKG_REGISTRY_HOSTNAME_A"] = "https://foo.docker.io/team/app",
            ["IMGPKG_REGISTRY_USERNAME_A"] = "scoped",
            ["IMGPKG_REGISTRY_HOSTNAME_B"] = "https://gcr.io/v2/",
            ["IMGPKG_REGISTRY_USERNAME_B"] = "api-path",
        });
        Assert.Equal("exact", (await source.GetAsync("foo.docker.io"))!.Username);
        Assert.Equal("glob", (await source.GetAsync("bar.docker.io"))!.Username);
        Assert.Equal("scoped", (await source.GetAsync("foo.docker.io", "team/app"))!.Username);
        Assert.Equal("scoped", (await source.GetAsync("foo.docker.io", "team/app/sub"))!.Username);
        Assert.Equal("exact", (await source.GetAsync("foo.docker.io", "team/other"))!.Username);
        Assert.Equal("api-path", (await source.GetAsync("gcr.io", "x/y"))!.Username);
    }

    [Fact]
    public async Task EnvironmentWinsOverFlagsWhichWinOverDockerConfig()
    {
        var chain = new CredentialChain([
            new EnvironmentCredentials(new Dictionary<string, string> { ["IMGPKG_REGISTRY_HOSTNAME"] = "env.io", ["IMGPKG_REGISTRY_USERNAME"] = "env" }),
            new StaticCredentials(new Credential { Username = "flag" }),
        ]);
        Assert.Equal("env", (await chain.GetAsync("env.io"))!.Username);
        Assert.Equal("flag", (await chain.GetAsync("other.io"))!.Username);
    }

    [Fact]
    public void OptionsNeverPrintSecrets()
    {
        var options = new RegistryOptions { Username = "user", Password = "hunter2", Token = "tok-secret" };
        string text = options.ToString();
        Assert.Contains("user", text);
        Assert.DoesNotContain("hunter2", text);
        Assert.DoesNotContain("tok-secret", text);
        Assert.DoesNotContain("hunter2", new Credential { Username = "u", Password = "hunter2" }.ToString());
        Assert.DoesNotContain("tok-secret", options.ExplicitCredential!.ToString());
    }
}
