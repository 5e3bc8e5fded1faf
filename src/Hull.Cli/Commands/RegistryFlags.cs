using System.CommandLine;
using Hull.Oci.Registry;

namespace Hull.Cli.Commands;

/// <summary>imgpkg's <c>--registry-*</c> flags, shared by every command that talks to registries.</summary>
public sealed class RegistryFlags
{
    private readonly Option<string?> _username = new("--registry-username") { Description = "Set username for auth (IMGPKG_USERNAME)" };
    private readonly Option<string?> _password = new("--registry-password") { Description = "Set password for auth (IMGPKG_PASSWORD)" };
    private readonly Option<string?> _token = new("--registry-token") { Description = "Set token for auth (IMGPKG_TOKEN)" };
    private readonly Option<bool> _anon = new("--registry-anon") { Description = "Set anonymous auth (IMGPKG_ANON)" };
    private readonly Option<bool> _insecure = new("--registry-insecure") { Description = "Allow the use of http when interacting with registries" };
    private readonly Option<string[]> _caCert = new("--registry-ca-cert-path") { Description = "Add CA certificates for registry API (format: /tmp/foo) (can be specified multiple times)" };
    private readonly Option<bool> _verifyCerts = new("--registry-verify-certs") { Description = "Set whether to verify server's certificate chain and host name", DefaultValueFactory = _ => true };
    private readonly Option<int> _retryCount = new Option<int>("--registry-retry-count") { Description = "Set the number of times imgpkg retries to send requests to the registry in case of an error", DefaultValueFactory = _ => 5 }.NonNegative();
    private readonly Option<string> _headerTimeout = new("--registry-response-header-timeout") { Description = "Maximum time to allow a request to wait for a server's response headers from the registry (ms|s|m|h)", DefaultValueFactory = _ => "30s" };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _username, _password, _token, _anon, _insecure, _caCert, _verifyCerts, _retryCount, _headerTimeout })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The registry options the flags (and imgpkg's IMGPKG_* fallbacks) describe.</summary>
    public RegistryOptions Read(ParseResult parse)
    {
        string? env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
        return new RegistryOptions
        {
            Username = parse.GetValue(_username) ?? env("IMGPKG_USERNAME"),
            Password = parse.GetValue(_password) ?? env("IMGPKG_PASSWORD"),
            Token = parse.GetValue(_token) ?? env("IMGPKG_TOKEN"),
            Anonymous = parse.GetValue(_anon) || env("IMGPKG_ANON") is "true",
            Insecure = parse.GetValue(_insecure),
            CaCertPaths = parse.GetValue(_caCert) ?? [],
            VerifyCerts = parse.GetValue(_verifyCerts),
            RetryCount = parse.GetValue(_retryCount),
            ResponseHeaderTimeout = GoDuration.Parse(parse.GetValue(_headerTimeout) ?? "30s"),
        };
    }
}
