using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Hull.Oci.Manifests;

namespace Hull.Oci.Auth;

/// <summary>
/// Credentials from a docker config file: <c>auths</c> (base64 <c>auth</c> or username/password,
/// <c>identitytoken</c>), <c>credHelpers</c> and <c>credsStore</c> (run as <c>docker-credential-NAME get</c>).
/// </summary>
public sealed class DockerConfigCredentials : ICredentialSource
{
    private readonly string _path;
    private readonly TimeSpan _helperTimeout;
    private DockerConfigFile? _config;
    private bool _loaded;

    /// <summary>Reads the config at <paramref name="path"/> when first asked (a missing file means no credentials).</summary>
    public DockerConfigCredentials(string path, TimeSpan? helperTimeout = null)
    {
        _path = path;
        _helperTimeout = helperTimeout ?? TimeSpan.FromSeconds(30);
    }

    /// <summary><c>$DOCKER_CONFIG/config.json</c>, else <c>$HOME/.docker/config.json</c>.</summary>
    public static DockerConfigCredentials FromEnvironment()
    {
        string? dir = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
        if (string.IsNullOrEmpty(dir))
        {
            string home = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h
                ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            dir = Path.Combine(home, ".docker");
        }
        return new DockerConfigCredentials(Path.Combine(dir, "config.json"));
    }

    /// <inheritdoc />
    public async ValueTask<Credential?> GetAsync(string registry, CancellationToken cancellationToken = default)
    {
        var config = Load();
        if (config is null)
            return null;
        string host = RegistryHosts.Normalise(registry);
        if (config.CredHelpers is not null)
        {
            foreach (var (key, helper) in config.CredHelpers)
            {
                if (RegistryHosts.Normalise(key) == host)
                    return await RunHelperAsync(helper, key, cancellationToken).ConfigureAwait(false);
            }
        }
        if (!string.IsNullOrEmpty(config.CredsStore))
        {
            string serverUrl = host == "index.docker.io" ? "https://index.docker.io/v1/" : registry;
            var stored = await RunHelperAsync(config.CredsStore, serverUrl, cancellationToken).ConfigureAwait(false);
            if (stored is not null)
                return stored;
        }
        if (config.Auths is not null)
        {
            foreach (var (key, entry) in config.Auths)
            {
                if (RegistryHosts.Normalise(key) == host)
                    return FromEntry(entry, key);
            }
        }
        return null;
    }

    private DockerConfigFile? Load()
    {
        if (_loaded)
            return _config;
        _loaded = true;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(_path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OciException($"reading docker config {_path}: {e.Message}", e);
        }
        try
        {
            _config = JsonSerializer.Deserialize(bytes, OciJson.Context.DockerConfigFile);
        }
        catch (JsonException e)
        {
            // The message of a JsonException quotes no values, so no secret leaks through it.
            throw new OciException($"reading docker config {_path}: invalid JSON at line {e.LineNumber + 1}");
        }
        return _config;
    }

    private Credential FromEntry(DockerAuthEntry entry, string key)
    {
        string? user = entry.Username, password = entry.Password;
        if (!string.IsNullOrEmpty(entry.Auth))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(entry.Auth));
            }
            catch (FormatException)
            {
                throw new OciException($"reading docker config {_path}: the \"auth\" of \"{key}\" is not valid base64");
            }
            int colon = decoded.IndexOf(':');
            if (colon < 0)
                throw new OciException($"reading docker config {_path}: the \"auth\" of \"{key}\" is not base64 of user:password");
            user = decoded[..colon];
            password = decoded[(colon + 1)..];
        }
        return new Credential
        {
            Username = string.IsNullOrEmpty(user) ? null : user,
            Password = string.IsNullOrEmpty(password) ? null : password,
            IdentityToken = string.IsNullOrEmpty(entry.IdentityToken) ? null : entry.IdentityToken,
            RegistryToken = string.IsNullOrEmpty(entry.RegistryToken) ? null : entry.RegistryToken,
        };
    }

    private async Task<Credential?> RunHelperAsync(string helper, string serverUrl, CancellationToken cancellationToken)
    {
        string program = "docker-credential-" + helper;
        var start = new ProcessStartInfo(program, ["get"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new OciException($"credential helper {program} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new OciException($"credential helper {program} (from docker config {_path}) could not be run: {e.Message}");
        }
        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_helperTimeout);
            try
            {
                await process.StandardInput.WriteAsync(serverUrl.AsMemory(), timeout.Token).ConfigureAwait(false);
                process.StandardInput.Close();
                var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
                var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                string output = await stdout.ConfigureAwait(false);
                string error = await stderr.ConfigureAwait(false);
                if (process.ExitCode != 0)
                {
                    string text = (output + error).Trim();
                    if (text.Contains("credentials not found", StringComparison.OrdinalIgnoreCase))
                        return null;
                    throw new OciException($"credential helper {program} failed for {serverUrl} (exit {process.ExitCode})");
                }
                CredentialHelperOutput? parsed;
                try
                {
                    parsed = JsonSerializer.Deserialize(output, OciJson.Context.CredentialHelperOutput);
                }
                catch (JsonException)
                {
                    throw new OciException($"credential helper {program} printed invalid JSON for {serverUrl}");
                }
                if (parsed is null || string.IsNullOrEmpty(parsed.Secret))
                    return null;
                // Docker's convention: the user name "<token>" marks the secret as an identity token.
                return parsed.Username == "<token>"
                    ? new Credential { IdentityToken = parsed.Secret }
                    : new Credential { Username = parsed.Username, Password = parsed.Secret };
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw new OciException($"credential helper {program} did not answer within {_helperTimeout.TotalSeconds:0} s");
            }
        }
    }
}
