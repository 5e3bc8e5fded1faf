using System.Security.Cryptography;

namespace Hull.Oci.References;

/// <summary>A content digest such as <c>sha256:0123…</c>: an algorithm and its lowercase hex encoding.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Hull.Oci.Manifests.DigestJsonConverter))]
public sealed record Digest
{
    /// <summary>The hash algorithm, <c>sha256</c> or <c>sha512</c>.</summary>
    public string Algorithm { get; }

    /// <summary>The lowercase hex encoding of the hash.</summary>
    public string Hex { get; }

    private Digest(string algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
    }

    /// <summary>Creates a digest from its parts, validating the algorithm and hex length.</summary>
    public static Digest Create(string algorithm, string hex)
    {
        string? error = Validate(algorithm, hex);
        return error is null ? new Digest(algorithm, hex) : throw new ReferenceFormatException(error);
    }

    /// <summary>Parses <c>algorithm:hex</c>, throwing <see cref="ReferenceFormatException"/> when malformed.</summary>
    public static Digest Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var digest, out string? error) ? digest : throw new ReferenceFormatException(error);
    }

    /// <summary>Parses <c>algorithm:hex</c> without throwing.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Digest? digest) =>
        TryParse(text, out digest, out _);

    private static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Digest? digest, out string error)
    {
        digest = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "invalid digest \"\": empty";
            return false;
        }
        int colon = text.IndexOf(':');
        if (colon <= 0)
        {
            error = $"invalid digest \"{Shorten(text)}\": expected ALGORITHM:HEX such as sha256:<64 hex digits>";
            return false;
        }
        string algorithm = text[..colon], hex = text[(colon + 1)..];
        string? problem = Validate(algorithm, hex);
        if (problem is not null)
        {
            error = problem;
            return false;
        }
        digest = new Digest(algorithm, hex);
        error = "";
        return true;
    }

    private static string? Validate(string algorithm, string hex)
    {
        int expected = algorithm switch { "sha256" => 64, "sha512" => 128, _ => -1 };
        if (expected < 0)
            return $"invalid digest \"{Shorten(algorithm + ":" + hex)}\": unsupported algorithm \"{Shorten(algorithm)}\" (sha256 or sha512)";
        if (hex.Length != expected)
            return $"invalid digest \"{Shorten(algorithm + ":" + hex)}\": {algorithm} needs {expected} hex digits, got {hex.Length}";
        foreach (char c in hex)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
                return $"invalid digest \"{Shorten(algorithm + ":" + hex)}\": only lowercase hex digits are allowed";
        }
        return null;
    }

    private static string Shorten(string s) => s.Length <= 140 ? s : s[..140] + "…";

    /// <summary>The SHA-256 digest of <paramref name="content"/>.</summary>
    public static Digest Compute(ReadOnlySpan<byte> content) =>
        new("sha256", Convert.ToHexStringLower(SHA256.HashData(content)));

    /// <summary>The SHA-256 digest of the rest of <paramref name="content"/>, read to its end.</summary>
    public static async Task<Digest> ComputeAsync(Stream content, CancellationToken cancellationToken = default) =>
        new("sha256", Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false)));

    /// <summary>Builds a digest from a finished hash of the given algorithm.</summary>
    internal static Digest FromHash(string algorithm, byte[] hash) => new(algorithm, Convert.ToHexStringLower(hash));

    /// <summary>The text form, <c>algorithm:hex</c>.</summary>
    public override string ToString() => Algorithm + ":" + Hex;
}
