using System.Text;
using Hull.Oci.Auth;

namespace Hull.Oci.Registry;

/// <summary>
/// How to talk to registries, mirroring imgpkg's <c>--registry-*</c> flags. <see cref="ToString"/> never
/// shows a password or token.
/// </summary>
public sealed record RegistryOptions
{
    /// <summary>
    /// Allow plain http (<c>--registry-insecure</c>): https is tried first, then http. Loopback and private
    /// (RFC 1918) registries get this fallback even without the flag, as in imgpkg.
    /// </summary>
    public bool Insecure { get; init; }

    /// <summary>Extra CA certificates (PEM files) to trust (<c>--registry-ca-cert-path</c>).</summary>
    public IReadOnlyList<string> CaCertPaths { get; init; } = [];

    /// <summary>Verify TLS certificates (<c>--registry-verify-certs</c>, default true).</summary>
    public bool VerifyCerts { get; init; } = true;

    /// <summary>Retries after 429, 5xx or a broken connection (<c>--registry-retry-count</c>).</summary>
    public int RetryCount { get; init; } = 5;

    /// <summary>How long to wait for response headers (<c>--registry-response-header-timeout</c>).</summary>
    public TimeSpan ResponseHeaderTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Delay before the first retry; doubled for each further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>User name (<c>--registry-username</c>).</summary>
    public string? Username { get; init; }

    /// <summary>Password (<c>--registry-password</c>).</summary>
    public string? Password { get; init; }

    /// <summary>Bearer token (<c>--registry-token</c>).</summary>
    public string? Token { get; init; }

    /// <summary>Ignore every credential source (<c>--registry-anon</c>).</summary>
    public bool Anonymous { get; init; }

    /// <summary>Connections kept per registry host.</summary>
    public int MaxConnectionsPerServer { get; init; } = 16;

    /// <summary>Blobs up to this size are uploaded in one PUT; larger ones in PATCH chunks.</summary>
    public long MonolithicUploadLimit { get; init; } = 8 * 1024 * 1024;

    /// <summary>Size of each PATCH chunk of a chunked upload.</summary>
    public long ChunkSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>The explicit credential these options carry, if any.</summary>
    public Credential? ExplicitCredential =>
        Username is null && Password is null && Token is null ? null
        : new Credential { Username = Username, Password = Password, RegistryToken = Token };

    /// <summary>The credentials to use: none when anonymous, else explicit, environment, then docker config.</summary>
    public ICredentialSource CreateCredentialSource() =>
        Anonymous ? new StaticCredentials(Credential.Anonymous) : CredentialChain.Default(ExplicitCredential);

    /// <summary>A description with secrets redacted.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("RegistryOptions { ");
        sb.Append("Insecure = ").Append(Insecure)
          .Append(", CaCertPaths = [").AppendJoin(", ", CaCertPaths).Append(']')
          .Append(", VerifyCerts = ").Append(VerifyCerts)
          .Append(", RetryCount = ").Append(RetryCount)
          .Append(", ResponseHeaderTimeout = ").Append(ResponseHeaderTimeout)
          .Append(", Username = ").Append(Username ?? "(none)")
          .Append(", Password = ").Append(Password is null ? "(none)" : "(redacted)")
          .Append(", Token = ").Append(Token is null ? "(none)" : "(redacted)")
          .Append(", Anonymous = ").Append(Anonymous)
          .Append(" }");
        return sb.ToString();
    }
}
