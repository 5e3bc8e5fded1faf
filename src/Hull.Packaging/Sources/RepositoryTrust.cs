using Hull.Bundles.Images;
using Hull.Oci;
using Hull.Oci.Signatures;
using Hull.Packaging.Repositories;

namespace Hull.Packaging.Sources;

/// <summary>
/// Verifies a verified repository's bundle before anything of it is read, as apt checks a Release file against its
/// <c>signed-by</c> keys: some signature by one of the trusted keys must bind the bundle's digest. Fails closed
/// naming the repository, the digest and the reason (unsigned, signed by an untrusted key, payload for another digest).
/// </summary>
public static class RepositoryTrust
{
    /// <summary>The trusted keys of <paramref name="source"/>, each checked against the fingerprint it was trusted under.</summary>
    /// <exception cref="RepositoryException">A key file is missing, unreadable or holds another key.</exception>
    public static List<VerificationKey> LoadKeys(RepositorySource source)
    {
        var keys = new List<VerificationKey>();
        try
        {
            foreach (var trusted in source.Trust)
            {
                VerificationKey key;
                try
                {
                    key = VerificationKey.FromFile(trusted.File);
                }
                catch (SigningException ex)
                {
                    throw Refused(source, $"trusted key {trusted.Fingerprint} cannot be read: {ex.Message}");
                }
                keys.Add(key);
                if (key.Fingerprint != trusted.Fingerprint)
                {
                    throw Refused(source, $"{trusted.File} holds key {key.Fingerprint}, not the trusted {trusted.Fingerprint} (the file was changed after 'hull repo add --trust')");
                }
            }
            return keys;
        }
        catch
        {
            keys.ForEach(k => k.Dispose());
            throw;
        }
    }

    /// <summary>Verifies <paramref name="bundle"/> (fetched by the source's location) against the source's keys.</summary>
    /// <exception cref="RepositoryException">The bundle is not signed by a trusted key, with the reason.</exception>
    public static async Task<SignatureVerification> VerifyAsync(RepositorySource source, FetchedImage bundle, CancellationToken cancellationToken)
    {
        var keys = LoadKeys(source);
        try
        {
            SignatureVerification verdict;
            try
            {
                verdict = await SignatureVerifier.VerifyAsync(bundle.Store, bundle.Digest, keys, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (OciException ex)
            {
                throw Refused(source, $"{bundle.DigestReference}: reading its signatures failed: {ex.Message}");
            }
            if (!verdict.IsVerified)
            {
                throw Refused(source, $"{bundle.DigestReference}: signature not verified: {verdict.Reason}");
            }
            return verdict;
        }
        finally
        {
            keys.ForEach(k => k.Dispose());
        }
    }

    private static RepositoryException Refused(RepositorySource source, string problem) =>
        new($"{source.Name}", [$"verification failed: {problem}"]);
}
